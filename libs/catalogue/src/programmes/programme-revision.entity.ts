import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REVISION_ACTIONS = ['create', 'update', 'publish', 'unpublish', 'archive', 'restore', 'delete'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/** One saved state of a programme: who, when, what changed, and the full snapshot. */
@Entity('programme_revision')
export class ProgrammeRevision {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') programmeId: string;
  @Column('int') version: number;
  @Column('text') action: RevisionAction;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') actorLabel: string;
  @Column('text', { array: true }) changedFields: string[];
  @Column('jsonb') snapshot: object;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
