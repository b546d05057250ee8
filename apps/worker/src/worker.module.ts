import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CatalogueModule } from '@app/catalogue';
import { CommonModule, loggerParams } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { SearchModule } from '@app/search';
import { AlertsModule } from '@app/alerts';
import { SourceWatchModule } from '@app/source-watch';

import { JobScheduler } from './job-scheduler';
import { ScheduledJobRuns } from './scheduled-job-runs';

@Module({})
export class WorkerModule {
  /** The scheduled jobs alone, for a process that already has config and database (the server under npm start). */
  static jobs(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CatalogueModule, SearchModule, AlertsModule, IdentityModule, SourceWatchModule],
      providers: [JobScheduler, ScheduledJobRuns],
    };
  }

  /** The standalone worker process. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        LoggerModule.forRoot(loggerParams(config, false)),
        DatabaseModule.forRoot(),
        CatalogueModule,
        SearchModule,
        AlertsModule,
        IdentityModule,
        SourceWatchModule,
      ],
      providers: [JobScheduler, ScheduledJobRuns],
    };
  }
}
