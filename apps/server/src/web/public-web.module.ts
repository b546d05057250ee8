import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { CatalogueModule } from '@app/catalogue';
import { SearchModule } from '@app/search';
import { AlertsController } from './alerts.controller';
import { WebController } from './web.controller';

/** The public website: search, programme pages, comparison, matching, feeds and alerts; its templates and assets in ./views and ./assets. */
@Module({
  imports: [CatalogueModule, SearchModule, AlertsModule],
  controllers: [WebController, AlertsController],
})
export class PublicWebModule {}
