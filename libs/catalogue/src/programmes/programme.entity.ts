import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { numericColumn } from '../transformers';
import type { ProgrammeStatus, PublicationState } from './programme-status';
import { PROGRAMME_FIELDS, type DescribedColumns, type ProgrammeField } from './programme-fields';
import type { StaleEnglish } from './stale-english';

/**
 * The columns of the described fields (programme-fields.ts), on a base class:
 * TypeORM reads a parent class's columns as the entity's own.
 */
function describedColumns(): abstract new () => DescribedColumns {
  abstract class DescribedProgrammeColumns {}
  const proto = DescribedProgrammeColumns.prototype;
  for (const f of PROGRAMME_FIELDS as readonly ProgrammeField[]) {
    switch (f.type) {
      case 'localised':
        Column('text', { nullable: true })(proto, `${f.column}Ru`);
        Column('text', { nullable: true })(proto, `${f.column}En`);
        break;
      case 'integer':
      case 'decimal':
        Column({ type: f.sql, nullable: true, ...(f.sql === 'int' ? {} : { transformer: numericColumn }) })(proto, f.column);
        break;
      case 'datetime':
        Column('timestamptz', { nullable: true })(proto, f.column);
        break;
      case 'url':
        Column('text', { nullable: true })(proto, f.column);
        break;
      case 'codes':
        Column('text', { array: true })(proto, f.column);
        break;
      case 'structured':
        Column('jsonb')(proto, f.column);
        break;
    }
  }
  return DescribedProgrammeColumns as unknown as abstract new () => DescribedColumns;
}

/** A support measure (мера поддержки). `version` is the optimistic lock, bumped by the service. */
@Entity('programme')
export class Programme extends describedColumns() {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;

  @Column('text') titleRu: string;
  @Column('text', { nullable: true }) titleEn: string | null;
  @Column('text') summaryRu: string;
  @Column('text', { nullable: true }) summaryEn: string | null;

  @Column('uuid') providerId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @ManyToOne(() => Programme, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Programme | null;

  /** Derived from the availability on every save and by the status job, with the deciding round's dates (opensAt, closesAt). */
  @Column('text') status: ProgrammeStatus;
  /** When the derived values (status, deciding round, amounts from facts that hold now) next change by themselves; the status job's queue. */
  @Column('timestamptz', { nullable: true }) recheckAt: Date | null;
  /** The territories it serves: its own and every place inside them (a federal programme serves Moscow); search filters by these. */
  @Column('text', { array: true, default: () => "'{}'" }) territoriesServed: string[];
  /** How many publishing rules the entry breaks (publish-rules.ts), for the admin list's filter; 0 for every published entry saved since. */
  @Column('int', { default: 0 }) problemCount: number;

  /** Derived from `sources` on every save: the newest date a source page shows, and the last time an editor checked one. */
  @Column('date', { nullable: true }) sourcesNewestOn: string | null;
  @Column('date', { nullable: true }) sourcesCheckedOn: string | null;
  /** The hash of the shipped catalogue file's content this entry was last written from; null for entries editors created. */
  @Column('text', { nullable: true }) catalogueHash: string | null;

  /** Localised texts whose Russian changed after their English was written (stale-english.ts); kept up to date by every save. */
  @Column('jsonb', { default: () => "'[]'" }) staleEnglish: StaleEnglish[];

  @Column('text') publicationState: PublicationState;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  @Column('timestamptz', { nullable: true }) archivedAt: Date | null;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;

  @Column('int') version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('uuid', { nullable: true }) updatedBy: string | null;
}
