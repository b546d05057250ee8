export { SYSTEM_SEED, type Actor } from './catalogue.errors';
export { CatalogueModule } from './catalogue.module';
export { CHANGE_TYPES, ChangeFeedService, type ChangePage, type ChangeType } from './changes/change-feed.service';
export { MatchingService } from './matching/matching.service';
export { OKVED_PATTERN } from './matching/okved';
export {
  REVENUE_BAND_CODES,
  matchProgramme,
  type CompanyProfile,
  type MatchVocabulary,
  type RevenueBand,
} from './matching/programme-matcher';
export { CreateOrganisationDto, OrganisationView, UpdateOrganisationDto } from './organisations/dto/organisation.dto';
export { OrganisationsService } from './organisations/organisations.service';
export { CreateProgrammeDto, UpdateProgrammeDto } from './programmes/dto/programme-input.dto';
export {
  ActorView,
  AdminProgrammeListView,
  FactsAgeView,
  GlanceConditionsView,
  ProgrammeView,
  RevisionView,
} from './programmes/dto/programme-view.dto';
export { currentFacts, factVouchedOn, factsAge, isPastFact } from './programmes/key-facts';
export {
  PendingChangesService,
  parseWorkingIfMatch,
  parseWorkingTag,
  workingTag,
  type EditOutcome,
  type PendingChangeSummary,
  type PendingChangeView,
  type PendingFieldChange,
  type WorkingVersion,
} from './programmes/pending-changes.service';
export { PROGRAMME_FIELDS, emptyValues, getPath, keyOf, normaliseValue, setPath, type ProgrammeField } from './programmes/programme-fields';
export { ProgrammeRevisions } from './programmes/programme-revisions';
export { toSnapshot } from './programmes/programme-snapshot';
export {
  ACCEPTING_STATUSES,
  LEGACY_STATUS_ALIASES,
  PROGRAMME_STATUSES,
  PUBLICATION_STATES,
  STATUS_RANK,
  deriveTiming,
  moscowDay,
  possiblyOutdated,
  sourcesOutdatedBefore,
  type ProgrammeStatus,
  type PublicationState,
} from './programmes/programme-status';
export { ProgrammeStatusJob } from './programmes/programme-status.job';
export { Programme } from './programmes/programme.entity';
export { mapProgrammeHit, pick, type Lang } from './programmes/programme.mapper';
export { ProgrammeRepository } from './programmes/programme.repository';
export {
  AVAILABILITY_KINDS,
  KEY_FACT_GROUPS,
  KEY_FACT_UNITS,
  SOURCE_KINDS,
  type Availability,
  type KeyFact,
  type KeyFactGroup,
  type ProgrammeSource,
} from './programmes/programme.types';
export { ProgrammesService, TRANSITIONS, transitionsFrom, type ProgrammeTransition } from './programmes/programmes.service';
export { PUBLISHED_READ_ENTITIES, publishedProgrammeReader } from './programmes/published-programmes.reader';
export {
  DERIVED_DATES,
  FIELDS,
  HISTORY_FIELDS,
  changedFields,
  editable,
  mergeRecords,
  type EditableRecord,
  type FieldDef,
  type FieldKind,
  type MergeOutcome,
  type Side,
} from './programmes/record-fields';
export { RelatedProgrammesService, type RelatedProgramme } from './programmes/related-programmes';
export { REQUIRED_SLUGS, checkCatalogue } from './seed/catalogue-check';
export { findCatalogueDir, loadShippedCatalogue } from './seed/catalogue-files';
export { CatalogueSeeder, catalogueUpdates } from './seed/catalogue.seeder';
export { SuggestedUpdatesService, type SuggestedUpdateView } from './seed/suggested-updates.service';
export { SEED_TAXONOMY } from './seed/taxonomy.seed';
export { SyntheticCatalogueService } from './synthetic/synthetic-catalogue.service';
export { CreateTermDto, FacetParams, TaxonomyView, TermParams, TermView, UpdateTermDto } from './taxonomy/dto/taxonomy.dto';
export {
  CRITERIA_FACETS,
  FACETS,
  REQUIRED_STATUSES,
  REQUIRED_STATUS_LABELS,
  SLUG_PATTERN,
  TAXONOMY_CODE_PATTERN,
  type Facet,
  type RequiredStatus,
} from './taxonomy/facets';
export { TaxonomyService } from './taxonomy/taxonomy.service';
export { ImportJobsService } from './transfer/import-jobs.service';
export {
  CSV_COLUMNS,
  csvToRows,
  formatOf,
  jsonToRows,
  readRows,
  recordsToCsv,
  toRecord,
  type ProgrammeRecord,
} from './transfer/programme-record';
export { ProgrammeTransferService, type ImportReport } from './transfer/programme-transfer.service';
