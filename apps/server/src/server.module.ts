import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { CatalogueModule } from '@app/catalogue';
import { CommonModule, loggerParams } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IdentityHttpModule, IdentityModule, RateLimitStore } from '@app/identity';
import { ExportBudget } from './api-access/export-budget';
import { SearchModule } from '@app/search';
import { WorkerModule } from '../../worker/src/worker.module';
import { AdminOrganisationsController, AdminTaxonomyController } from './admin/admin-catalogue.controller';
import { AdminProgrammesController } from './admin/admin-programmes.controller';
import { AdminPendingChangesController } from './admin/admin-pending-changes.controller';
import { AdminSearchController } from './admin/admin-search.controller';
import { AdminSourceWatchController } from './admin/admin-source-watch.controller';
import { SourceWatchModule } from '@app/source-watch';
import { AuthController } from './auth/auth.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { ExportController } from './programmes/export.controller';
import { ProgrammeExport } from './programmes/programme-export';
import { ExportRenderer } from './programmes/export-renderer';
import { AdminWebModule } from './admin-web/admin-web.module';
import { PublicWebModule } from './web/public-web.module';
import { ChangesController } from './changes/changes.controller';
import { SearchReaders } from './search-readers';
import { AlertsModule } from '@app/alerts';
import { MatchController } from './matching/match.controller';
import { ApiAccessGuard, budgetLimit, type ApiRequest } from './api-access/api-access.guard';
import { SharedThrottlerStorage } from './api-access/rate-limit.storage';
import { SameSiteFormsGuard } from './web/same-site-forms.guard';

/** The HTTP process; with `worker.inProcess` it also runs the worker's jobs. */
@Module({})
export class ServerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ServerModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        LoggerModule.forRoot(loggerParams(config, true)),
        DatabaseModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        CatalogueModule,
        SearchModule,
        AlertsModule,
        IdentityModule,
        IdentityHttpModule,
        SourceWatchModule,
        ThrottlerModule.forRootAsync({
          imports: [IdentityModule],
          inject: [RateLimitStore],
          useFactory: (store: RateLimitStore) => ({
            storage: new SharedThrottlerStorage(store),
            throttlers: [
              {
                name: 'default',
                ttl: config.rateLimits.windowSeconds * 1000,
                limit: (context) => {
                  const req = context.switchToHttp().getRequest<ApiRequest>();
                  return budgetLimit(config.rateLimits, req.ratePolicy ?? 'api', req.apiClient);
                },
              },
            ],
          }),
        }),
        AdminWebModule,
        PublicWebModule,
        ...(config.worker.inProcess ? [WorkerModule.jobs()] : []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: SameSiteFormsGuard },
        { provide: APP_GUARD, useClass: ApiAccessGuard },
        ExportBudget,
        ExportRenderer,
        ProgrammeExport,
        SearchReaders,
      ],
      controllers: [
        ExportController,
        ProgrammesController,
        ChangesController,
        CatalogueController,
        AuthController,
        AdminProgrammesController,
        AdminPendingChangesController,
        AdminOrganisationsController,
        AdminTaxonomyController,
        AdminSearchController,
        AdminSourceWatchController,
        HealthController,
        MetricsController,
        MatchController,
      ],
    };
  }
}
