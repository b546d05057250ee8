import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { CatalogueModule } from '@app/catalogue';
import { CommonModule, loggerParams } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IdentityHttpModule, IdentityModule } from '@app/identity';
import { SearchModule } from '@app/search';
import { WorkerModule } from '../../worker/src/worker.module';
import { AdminOrganisationsController, AdminTaxonomyController } from './admin/admin-catalogue.controller';
import { AdminProgrammesController } from './admin/admin-programmes.controller';
import { AdminSearchController } from './admin/admin-search.controller';
import { AuthController } from './auth/auth.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { HealthController } from './health/health.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { WebController } from './web/web.controller';
import { MatchController } from './matching/match.controller';
import { AdminAuthPages } from './admin-web/admin-auth.pages';
import { AdminOpsPages } from './admin-web/admin-ops.pages';
import { AdminProgrammesPages } from './admin-web/admin-programmes.pages';
import { AdminSettingsPages } from './admin-web/admin-settings.pages';

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
        IdentityModule,
        IdentityHttpModule,
        ...(config.worker.inProcess ? [WorkerModule.jobs()] : []),
      ],
      controllers: [
        ProgrammesController,
        CatalogueController,
        AuthController,
        AdminProgrammesController,
        AdminOrganisationsController,
        AdminTaxonomyController,
        AdminSearchController,
        HealthController,
        MatchController,
        AdminAuthPages,
        AdminProgrammesPages,
        AdminSettingsPages,
        AdminOpsPages,
        WebController,
      ],
    };
  }
}
