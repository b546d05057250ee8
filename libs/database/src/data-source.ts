import { DataSource, DataSourceOptions } from 'typeorm';
import { applyDefinitions } from './definitions/definitions';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  /** Entity classes; the Nest app loads them from its feature modules instead. */
  entities?: DataSourceOptions['entities'];
  applicationName?: string;
  /** How long a statement waits for a row lock before giving up (55P03, answered as 503). */
  lockTimeoutMs?: number;
}

/** One definition of how every process talks to PostgreSQL. Never `synchronize`. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: settings.applicationName ?? 'support-navigator',
    // work_mem: search sorts and hashes thousands of rows per query; 4MB (the default) spills them to disk
    // lock_timeout: a save that cannot get a row another transaction holds gives up (503, retry) instead of queueing until statement_timeout
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      statement_timeout: 30000,
      options: `-c work_mem=16MB -c lock_timeout=${settings.lockTimeoutMs ?? 5000}`,
    },
    logging: false,
  } as DataSourceOptions;
}

/**
 * Applies pending migrations, then every SQL definition (libs/database/src/definitions) whose
 * text changed, and returns the names of what it ran. `upTo`: stop after the migration of that
 * name and apply no definition (a test builds a database's tables as an older release left them).
 */
export async function runMigrations(url: string, upTo?: string): Promise<string[]> {
  const options = dataSourceOptions({ url, poolSize: 2, applicationName: 'support-navigator-migrate' });
  const last = upTo ? MIGRATIONS.findIndex((m) => m.name === upTo) : MIGRATIONS.length - 1;
  if (last < 0) throw new Error(`No migration named ${upTo}`);
  const ds = new DataSource({ ...options, migrations: MIGRATIONS.slice(0, last + 1) } as typeof options);
  await ds.initialize();
  try {
    const ran = (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
    if (upTo) return ran;
    const defined = await applyDefinitions(ds);
    return [...ran, ...defined.map((name) => `definition ${name}`)];
  } finally {
    await ds.destroy();
  }
}
