import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { CatalogueModule } from '@app/catalogue';
import { IdentityModule } from '@app/identity';
import { SearchModule } from '@app/search';
import { SourceWatchModule } from '@app/source-watch';
import { AdminApiKeysPages } from './admin-api-keys.pages';
import { AdminAuthPages } from './admin-auth.pages';
import { AdminOpsPages } from './admin-ops.pages';
import { AdminOrganisationsPages } from './admin-organisations.pages';
import { AdminProgrammesPages } from './admin-programmes.pages';
import { AdminSourceWatchPages } from './admin-source-watch.pages';
import { AdminPendingPages } from './admin-pending.pages';
import { AdminSynonymsPages } from './admin-synonyms.pages';
import { AdminTaxonomyPages } from './admin-taxonomy.pages';
import { AdminUsersPages } from './admin-users.pages';

/** The editors' and admins' pages under /admin: one controller per resource, its templates in ./views. */
@Module({
  imports: [CatalogueModule, SearchModule, AlertsModule, IdentityModule, SourceWatchModule],
  controllers: [
    AdminAuthPages,
    AdminProgrammesPages,
    AdminPendingPages,
    AdminTaxonomyPages,
    AdminSynonymsPages,
    AdminOrganisationsPages,
    AdminUsersPages,
    AdminApiKeysPages,
    AdminOpsPages,
    AdminSourceWatchPages,
  ],
})
export class AdminWebModule {}
