import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@app/catalogue';
import { AppConfig } from '@app/config';
import { MeilisearchSearchEngine } from './meilisearch/meilisearch-search.engine';
import { PostgresSearchEngine } from './postgres/postgres-search.engine';
import { SearchEngine } from './search-engine';
import { SearchVocabulary } from './search-vocabulary';
import { SearchService } from './search.service';
import { SearchStatusService } from './search-status.service';
import { SearchSynonym } from './synonyms/search-synonym.entity';
import { SynonymsService } from './synonyms/synonyms.service';
import { SearchMaintenanceService } from './sync/search-maintenance.service';
import { SearchOutbox } from './sync/search-outbox';
import { SearchSyncRelay } from './sync/search-sync.relay';

/** The search engine named by the configuration: Meilisearch when MEILI_URL is set, PostgreSQL otherwise. */
export const searchEngineProvider = {
  provide: SearchEngine,
  inject: [AppConfig, PostgresSearchEngine],
  useFactory: (config: AppConfig, postgres: PostgresSearchEngine): SearchEngine =>
    config.search.meiliUrl
      ? new MeilisearchSearchEngine({
          url: config.search.meiliUrl,
          apiKey: config.search.meiliApiKey,
          index: config.search.meiliIndex,
          timeoutMs: config.search.meiliTimeoutMs,
        })
      : postgres,
};

@Module({
  imports: [CatalogueModule, TypeOrmModule.forFeature([SearchSynonym])],
  providers: [
    PostgresSearchEngine,
    searchEngineProvider,
    SearchVocabulary,
    SearchService,
    SearchStatusService,
    SynonymsService,
    SearchOutbox,
    SearchSyncRelay,
    SearchMaintenanceService,
  ],
  exports: [
    SearchEngine,
    PostgresSearchEngine,
    SearchService,
    SearchVocabulary,
    SearchStatusService,
    SynonymsService,
    SearchOutbox,
    SearchSyncRelay,
    SearchMaintenanceService,
  ],
})
export class SearchModule {}
