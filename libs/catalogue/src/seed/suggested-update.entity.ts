import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A newer content of a shipped entry's file, for an entry an editor has changed
 * since it was shipped: kept for the editor to apply or dismiss, never applied by itself.
 */
@Entity('programme_suggested_update')
export class ProgrammeSuggestedUpdate {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') programmeId: string;
  /** The hash of the file's content it would apply. */
  @Column('text') contentHash: string;
  /** The numbered release of suggestions made before the catalogue was released by content; null since. */
  @Column('int', { nullable: true }) release: number | null;
  /** The shipped entry in full, as an admin-API update body. */
  @Column('jsonb') input: Record<string, unknown>;
  @Column('text', { array: true }) changedFields: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @Column('text', { nullable: true }) resolution: 'applied' | 'dismissed' | null;
  @Column('uuid', { nullable: true }) resolvedBy: string | null;
}
