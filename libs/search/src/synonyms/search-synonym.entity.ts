import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Terms that mean the same thing to a searcher (МСП ↔ малый и средний бизнес ↔ SME). */
@Entity('search_synonym')
export class SearchSynonym {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { array: true }) terms: string[];
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
