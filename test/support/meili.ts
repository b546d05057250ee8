import { loadConfig } from '@app/config';

/** The Meilisearch server the contract suite may use (MEILI_URL), read through the validated config. */
export const readMeiliUrl = (): string | undefined => loadConfig().search.meiliUrl;
