import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '@app/config';

/**
 * docker/compose.yml is valid under the Compose Specification (its JSON schema, vendored in
 * docker/compose-spec.json; docker/README.md says from where), and says what the production suite
 * tested: Meilisearch 1.50, scoped keys only (servers the search key, the worker the write key, the
 * master key nowhere near the application), and required values that stop a start naming themselves.
 */

const DOCKER = join(__dirname, '..', 'docker');
const read = (name: string) => readFileSync(join(DOCKER, name), 'utf8');

interface Service {
  image?: string;
  environment?: Record<string, string>;
  [key: string]: unknown;
}
interface ComposeFile {
  services: Record<string, Service>;
  [key: string]: unknown;
}

/** The file as Docker Compose reads it: YAML 1.1 merge keys (`<<: *app-env`) resolved. */
const compose = (): ComposeFile => parse(read('compose.yml'), { merge: true }) as ComposeFile;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // the schema names draft-07 by its https address; Ajv knows the same meta-schema by its http one
  ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
  return ajv.compile(JSON.parse(read('compose-spec.json')) as object);
}

/** Compose's interpolation of `${NAME}`, `${NAME:-default}` and `${NAME:?message}`, as `docker compose` does it. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)(?::([?-])([^}]*))?\}/g, (_all, name: string, kind?: string, text?: string) => {
    if (env[name]) return env[name];
    if (kind === '?') throw new Error(`compose: ${text}`);
    return kind === '-' ? (text ?? '') : '';
  });
}

const APPLICATION = ['migrate', 'server', 'worker'];

describe('docker/compose.yml', () => {
  it('is valid under the Compose Specification, and the check does catch an invalid file', () => {
    const validate = validator();
    expect(validate(compose())).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const broken = compose();
    broken.services.server.ports = '3000:3000';
    broken.services.worker.restart_policy = 'always';
    expect(validate(broken)).toBe(false);
    expect((validate.errors ?? []).map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/services/server/ports', '/services/worker']),
    );
  });

  it('runs Meilisearch 1.50 with the master key, and gives the application scoped keys and never the master key', () => {
    const { services } = compose();
    expect(services.meilisearch.image).toBe('getmeili/meilisearch:v1.50');
    expect(services.meilisearch.environment!.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?/);
    for (const name of APPLICATION) {
      expect(JSON.stringify(services[name])).not.toContain('MEILI_MASTER_KEY');
    }
    expect(services.server.environment!.MEILI_API_KEY).toBe('${MEILI_SEARCH_KEY:-}');
    expect(services.worker.environment!.MEILI_API_KEY).toBe('${MEILI_WRITE_KEY:-}');
    expect(services.migrate.environment!.MEILI_API_KEY).toBe('${MEILI_WRITE_KEY:-}');
    expect(services.server.environment!.WORKER_IN_PROCESS).toBe('false');
    // the keys the setup step makes cover the index the application uses, and no more
    const index = services.server.environment!.MEILI_INDEX;
    const search = JSON.parse(read('meilisearch-keys/search.json')) as { indexes: string[]; actions: string[] };
    const write = JSON.parse(read('meilisearch-keys/write.json')) as { indexes: string[]; actions: string[] };
    expect(search).toMatchObject({ indexes: [index], actions: ['search', 'stats.get'] });
    expect(write.indexes).toEqual([`${index}*`]);
    expect(write.actions.filter((a) => a.startsWith('keys.') || a === '*')).toEqual([]);
    expect(services['meilisearch-keys']).toMatchObject({ profiles: ['setup'], image: 'getmeili/meilisearch:v1.50' });
  });

  it('stops on a missing required value with a line naming it, and the application refuses to start without its key', () => {
    const env = {
      POSTGRES_PASSWORD: 'a-database-password',
      MEILI_MASTER_KEY: 'a-master-key-of-enough-length',
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      PUBLIC_BASE_URL: 'https://navigator.example',
      MEILI_SEARCH_KEY: 'scoped-search-key',
      MEILI_WRITE_KEY: 'scoped-write-key',
    };
    const environment = (service: string, values: Record<string, string>) =>
      Object.fromEntries(Object.entries(compose().services[service].environment!).map(([k, v]) => [k, interpolate(String(v), values)]));
    for (const name of ['POSTGRES_PASSWORD', 'METRICS_TOKEN', 'PUBLIC_BASE_URL']) {
      expect(() => environment('server', { ...env, [name]: '' })).toThrow(new RegExp(`compose: set ${name}`));
    }
    expect(() => environment('meilisearch', { ...env, MEILI_MASTER_KEY: '' })).toThrow(/compose: set MEILI_MASTER_KEY/);
    // what the processes receive passes the production checks ...
    expect(loadConfig(environment('server', env)).search).toMatchObject({
      meiliUrl: 'http://meilisearch:7700',
      meiliApiKey: 'scoped-search-key',
    });
    expect(loadConfig(environment('worker', env)).search.meiliApiKey).toBe('scoped-write-key');
    // ... and a server started before the setup step printed its key stops at once, naming it
    expect(() => loadConfig(environment('server', { ...env, MEILI_SEARCH_KEY: '' }))).toThrow(ConfigError);
    expect(() => loadConfig(environment('server', { ...env, MEILI_SEARCH_KEY: '' }))).toThrow(/MEILI_API_KEY \(must be set in production/);
  });
});
