import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { numericColumn } from '../transformers';
import type { ProgrammeStatus, PublicationState } from './programme-status';
import type {
  ApplicationStep,
  EligibilityCriteria,
  KeyFact,
  LocalisedText,
  ProgrammeContacts,
  ProgrammeSource,
  TaxReduction,
} from './programme.types';

/** A support measure (мера поддержки). `version` is the optimistic lock, bumped by the service. */
@Entity('programme')
export class Programme {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;

  @Column('text') titleRu: string;
  @Column('text', { nullable: true }) titleEn: string | null;
  @Column('text') summaryRu: string;
  @Column('text', { nullable: true }) summaryEn: string | null;
  @Column('text', { nullable: true }) descriptionRu: string | null;
  @Column('text', { nullable: true }) descriptionEn: string | null;

  @Column('uuid') providerId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @ManyToOne(() => Programme, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Programme | null;

  @Column('text', { array: true }) supportTypes: string[];
  @Column('text', { array: true }) applicantTypes: string[];
  @Column('text', { array: true }) stages: string[];
  @Column('text', { array: true }) sizes: string[];
  @Column('text', { array: true }) industries: string[];
  @Column('text', { array: true }) objectives: string[];
  @Column('text', { array: true }) territories: string[];

  @Column('text', { nullable: true }) benefitRu: string | null;
  @Column('text', { nullable: true }) benefitEn: string | null;
  @Column('bigint', { nullable: true, transformer: numericColumn }) amountMin: number | null;
  @Column('bigint', { nullable: true, transformer: numericColumn }) amountMax: number | null;
  @Column('numeric', { nullable: true, transformer: numericColumn }) ratePercent: number | null;
  @Column('int', { nullable: true }) termMonths: number | null;
  @Column('jsonb') taxReductions: TaxReduction[];
  /** Ordered figures and conditions, each citing one of `sources`. */
  @Column('jsonb') keyFacts: KeyFact[];

  @Column('text', { nullable: true }) eligibilityRu: string | null;
  @Column('text', { nullable: true }) eligibilityEn: string | null;
  @Column('jsonb') eligibility: EligibilityCriteria;

  @Column('timestamptz', { nullable: true }) opensAt: Date | null;
  @Column('timestamptz', { nullable: true }) closesAt: Date | null;
  @Column('text') status: ProgrammeStatus;

  @Column('text', { nullable: true }) howToApplyRu: string | null;
  @Column('text', { nullable: true }) howToApplyEn: string | null;
  @Column('text', { nullable: true }) applyUrl: string | null;
  @Column('jsonb') applicationSteps: ApplicationStep[];
  @Column('jsonb') requiredDocuments: LocalisedText[];
  @Column('jsonb') contacts: ProgrammeContacts;

  @Column('jsonb') sources: ProgrammeSource[];
  /** Derived from `sources` on every save: the newest date a source page shows, and the last time an editor checked one. */
  @Column('date', { nullable: true }) sourcesNewestOn: string | null;
  @Column('date', { nullable: true }) sourcesCheckedOn: string | null;
  /** The shipped-catalogue release this entry was last written from; null for entries editors created. */
  @Column('int', { nullable: true }) catalogueRelease: number | null;

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
