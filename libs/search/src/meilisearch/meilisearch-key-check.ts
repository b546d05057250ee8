import { type AppConfig, ConfigError } from '@app/config';
import type { MeilisearchOptions } from './meilisearch-search.engine';

/** What a process does with Meilisearch: servers whose worker runs elsewhere only search; workers and the CLI write. */
export type MeilisearchKeyRole = 'search' | 'write';

export interface MeilisearchKeyCheck {
  /** Why the process must not start with this key (it is refused for what the process does, or it can manage keys in production). */
  refuse?: string;
  /** Worth logging, not fatal. */
  warn?: string;
}

/** A start-up check waits at most this long for an answer (an unreachable engine must not hold a process's start). */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Checks at start that MEILI_API_KEY fits what this process does, with one or two cheap requests:
 * - a key that can list keys is the master key (or an admin key): the application is meant to get scoped
 *   keys only (a search key for servers, an index-scoped write key for the worker), so production refuses it;
 * - a server's key must be allowed to search the index, a worker's to read the index's tasks (the write key's
 *   actions come together). A refusal from Meilisearch (401 / 403) stops the process with a line saying so.
 * An engine that does not answer passes: searches then come from PostgreSQL and the relay retries.
 */
export async function checkMeilisearchKey(
  options: Pick<MeilisearchOptions, 'url' | 'apiKey' | 'index' | 'timeoutMs'>,
  role: MeilisearchKeyRole,
  production: boolean,
): Promise<MeilisearchKeyCheck> {
  const base = options.url.replace(/\/+$/, '');
  const ask = async (path: string, init: RequestInit = {}): Promise<{ status: number; code?: string } | null> => {
    try {
      const res = await fetch(`${base}${path}`, {
        ...init,
        headers: { 'Content-Type': 'application/json', ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}) },
        signal: AbortSignal.timeout(Math.min(options.timeoutMs, CHECK_TIMEOUT_MS)),
      });
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      return { status: res.status, code: body.code };
    } catch {
      return null;
    }
  };
  const refused = (answer: { status: number } | null): boolean => answer !== null && (answer.status === 401 || answer.status === 403);
  const index = encodeURIComponent(options.index);
  const keys = await ask('/keys?limit=1');
  // no answer: the engine is down or unreachable, which the process copes with (PostgreSQL answers; the relay retries)
  if (keys === null) return {};
  if (keys.status === 200) {
    const message =
      'MEILI_API_KEY can manage Meilisearch keys: it is the master key or an admin key. Give servers a search key and the worker ' +
      'an index-scoped write key (README: Deployment), and keep the master key for creating them';
    if (production) return { refuse: message };
    return { warn: message };
  }
  if (role === 'search') {
    const search = await ask(`/indexes/${index}/search`, { method: 'POST', body: JSON.stringify({ q: '', limit: 0 }) });
    if (refused(search)) {
      return {
        refuse: `MEILI_API_KEY is refused by Meilisearch for searching index "${options.index}" (${search!.code ?? search!.status}): give this server a key with the "search" action on that index`,
      };
    }
  } else {
    const tasks = await ask(`/tasks?indexUids=${index}&limit=1`);
    if (refused(tasks)) {
      return {
        refuse:
          `MEILI_API_KEY is refused by Meilisearch for the tasks of index "${options.index}" (${tasks!.code ?? tasks!.status}): give the worker ` +
          `a key for indexes "${options.index}*" with the documents, settings, index (create, swap, delete) and tasks actions`,
      };
    }
  }
  return {};
}

/**
 * The start-up check of a process's configured Meilisearch key (nothing to check without MEILI_URL): throws a
 * ConfigError naming the problem when the process must not start, returns a warning to log otherwise (or null).
 */
export async function verifyMeilisearchKey(config: AppConfig, role: MeilisearchKeyRole): Promise<string | null> {
  const { meiliUrl, meiliApiKey, meiliIndex, meiliTimeoutMs } = config.search;
  if (!meiliUrl) return null;
  const check = await checkMeilisearchKey(
    { url: meiliUrl, apiKey: meiliApiKey, index: meiliIndex, timeoutMs: meiliTimeoutMs },
    role,
    config.env === 'production',
  );
  if (check.refuse) throw new ConfigError(`Invalid configuration: ${check.refuse}`);
  return check.warn ?? null;
}
