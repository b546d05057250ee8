import { Module } from '@nestjs/common';
import { CatalogueModule } from '@app/catalogue';
import { IdentityModule } from '@app/identity';
import { SourceWatchJob } from './source-watch.job';
import { SourceWatchService } from './source-watch.service';

/** The source watch: the worker's pass over cited pages, and the editors' queue it fills. */
@Module({
  imports: [CatalogueModule, IdentityModule],
  providers: [SourceWatchService, SourceWatchJob],
  exports: [SourceWatchService, SourceWatchJob],
})
export class SourceWatchModule {}
