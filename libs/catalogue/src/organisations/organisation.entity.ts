import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A provider of programmes: an agency, a fund, a development institution. */
@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;
  @Column('text') nameRu: string;
  @Column('text', { nullable: true }) nameEn: string | null;
  @Column('text', { nullable: true }) url: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) addressRu: string | null;
  @Column('text', { nullable: true }) addressEn: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
