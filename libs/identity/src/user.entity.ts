import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['admin', 'editor'] as const;
export type Role = (typeof ROLES)[number];

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text', { select: false, nullable: true }) passwordHash: string | null;
  @Column('bytea', { select: false, nullable: true }) inviteTokenHash: Buffer | null;
  @Column('timestamptz', { nullable: true }) inviteExpiresAt: Date | null;
  @Column('text') role: Role;
  @Column('text', { nullable: true }) displayName: string | null;
  @Column('timestamptz', { nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
