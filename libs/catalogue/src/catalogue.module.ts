import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationsService } from './organisations/organisations.service';
import { ProgrammeRevision } from './programmes/programme-revision.entity';
import { ProgrammeStatusJob } from './programmes/programme-status.job';
import { DependentRevisions } from './programmes/dependent-revisions';
import { Programme } from './programmes/programme.entity';
import { ProgrammeRepository } from './programmes/programme.repository';
import { ProgrammesService } from './programmes/programmes.service';
import { RelatedProgrammesService } from './programmes/related-programmes';
import { CatalogueSeeder } from './seed/catalogue.seeder';
import { ProgrammeSuggestedUpdate } from './seed/suggested-update.entity';
import { SuggestedUpdateRepository } from './seed/suggested-update.repository';
import { SuggestedUpdatesService } from './seed/suggested-updates.service';
import { MatchingService } from './matching/matching.service';
import { ProgrammeRevisions } from './programmes/programme-revisions';
import { PendingChangesService } from './programmes/pending-changes.service';
import { ProgrammePendingChange, ProgrammePendingRevision } from './programmes/pending-change.entity';
import { ChangeFeedService } from './changes/change-feed.service';
import { ImportJobsService } from './transfer/import-jobs.service';
import { ProgrammeTransferService } from './transfer/programme-transfer.service';
import { SyntheticCatalogueService } from './synthetic/synthetic-catalogue.service';
import { TaxonomyTerm } from './taxonomy/taxonomy-term.entity';
import { TaxonomyRepository } from './taxonomy/taxonomy.repository';
import { TaxonomyService } from './taxonomy/taxonomy.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Programme,
      ProgrammeRevision,
      Organisation,
      TaxonomyTerm,
      ProgrammeSuggestedUpdate,
      ProgrammePendingChange,
      ProgrammePendingRevision,
    ]),
    IdentityModule,
  ],
  providers: [
    ProgrammeRepository,
    OrganisationRepository,
    TaxonomyRepository,
    SuggestedUpdateRepository,
    SuggestedUpdatesService,
    DependentRevisions,
    ProgrammesService,
    ProgrammeRevisions,
    PendingChangesService,
    OrganisationsService,
    TaxonomyService,
    CatalogueSeeder,
    ProgrammeStatusJob,
    SyntheticCatalogueService,
    MatchingService,
    ProgrammeTransferService,
    ImportJobsService,
    ChangeFeedService,
    RelatedProgrammesService,
  ],
  exports: [
    ProgrammeRepository,
    SuggestedUpdatesService,
    ProgrammesService,
    OrganisationsService,
    TaxonomyService,
    CatalogueSeeder,
    ProgrammeStatusJob,
    SyntheticCatalogueService,
    MatchingService,
    ProgrammeTransferService,
    ImportJobsService,
    ChangeFeedService,
    ProgrammeRevisions,
    RelatedProgrammesService,
    PendingChangesService,
  ],
})
export class CatalogueModule {}
