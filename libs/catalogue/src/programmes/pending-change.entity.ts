import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Actor } from '../catalogue.errors';
import type { EditableRecord } from './record-fields';
import type { StaleEnglish } from './stale-english';

export const PENDING_CHANGE_STATES = ['open', 'published', 'discarded'] as const;
export type PendingChangeState = (typeof PENDING_CHANGE_STATES)[number];

/**
 * An edit of a published programme that is not live yet: its whole content (the record an
 * edit form shows), the entry's version it was made from, who wrote it and who approved it.
 * At most one is open per programme; publishing writes it to the entry as a normal save.
 */
@Entity('programme_pending_change')
export class ProgrammePendingChange {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') programmeId: string;
  @Column('text') state: PendingChangeState;
  /** Its latest save (the ETag `"p<version>"`); numbers never repeat for one programme. */
  @Column('int') version: number;
  /** The entry's version its content was made from (or last merged with). */
  @Column('int') baseVersion: number;
  @Column('jsonb') content: EditableRecord;
  /** English an editor confirmed still fits its changed Russian (see stale-english.ts). */
  @Column('jsonb') englishChecked: StaleEnglish[];
  /** A shipped catalogue update applied into it: the entry records this content when it is published. */
  @Column('text', { nullable: true }) catalogueHash: string | null;
  /** Everyone who saved into it: none of them may approve it. */
  @Column('jsonb') authors: Actor[];
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('text') createdByLabel: string;
  @Column('text') updatedByLabel: string;
  @Column('uuid', { nullable: true }) approvedBy: string | null;
  @Column('text', { nullable: true }) approvedByLabel: string | null;
  /** The version that was approved: a later save needs a new approval. */
  @Column('int', { nullable: true }) approvedVersion: number | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('text', { nullable: true }) resolvedByLabel: string | null;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  /** The entry's version it became. */
  @Column('int', { nullable: true }) publishedVersion: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}

/** One save of a pending change, kept as the base of a three-way merge for whoever edited from it. */
@Entity('programme_pending_revision')
export class ProgrammePendingRevision {
  @PrimaryColumn('uuid') programmeId: string;
  @PrimaryColumn('int') version: number;
  @Column('uuid') changeId: string;
  @Column('int') baseVersion: number;
  @Column('jsonb') content: EditableRecord;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') actorLabel: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
