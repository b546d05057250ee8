import { existsSync } from 'node:fs';
import { loadConfig } from '@app/config';

/** The servers some suites need and did not get: their tests are reported as skipped. */
export function skippedServers(): string[] {
  const config = loadConfig();
  return [
    ...(config.search.meiliUrl ? [] : ['Meilisearch (set MEILI_URL; .ci/run starts ../shared/bin/meilisearch)']),
    ...(config.rateLimits.redisUrl ? [] : ['Redis (set REDIS_URL; .ci/run starts redis-server)']),
    ...(existsSync('/usr/bin/chromium') ? [] : ['Chromium (apt-get install -y chromium)']),
  ];
}

/** One line per missing server, for the start and the end of a run. */
export function reportSkippedServers(): void {
  const missing = skippedServers();
  if (missing.length) process.stderr.write(`\nTests skipped for want of a server:\n${missing.map((m) => `  - ${m}`).join('\n')}\n`);
}
