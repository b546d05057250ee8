import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REVISION_ACTIONS = ['create', 'update', 'publish', 'unpublish', 'archive', 'restore', 'delete', 'refresh'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/**
 * One saved state of a programme: who, when, what changed, and the full snapshot.
 * `refresh`: nobody edited it, but what it shows changed (its provider, its
 * parent's slug, its status as dates passed).
 */
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
