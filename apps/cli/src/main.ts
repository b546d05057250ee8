import 'reflect-metadata';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import {
  CatalogueSeeder,
  catalogueUpdates,
  formatOf,
  ProgrammeTransferService,
  readRows,
  recordsToCsv,
  SyntheticCatalogueService,
} from '@app/catalogue';
import { DomainError } from '@app/common';
import { AppConfig, ConfigError, loadConfig, readSecret } from '@app/config';
import {
  backupDatabase,
  BackupError,
  openDatabase,
  prepareEmbeddedDirectory,
  readManifest,
  restoreBaseBackup,
  restoreDump,
  runMigrations,
} from '@app/database';
import { IdentityService, ROLES, type Role } from '@app/identity';
import { PostgresSearchEngine, SearchEngine, SearchMaintenanceService, SearchSyncRelay } from '@app/search';
import { CliModule } from './cli.module';
import { promptSecret } from './prompt';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  seed                                      load the shipped catalogue (adds only what is missing)
  create-user --email E --role admin|editor [--name N] [--reset]
                                            create a user (or with --reset set a new password and role);
                                            the password comes from ADMIN_PASSWORD or a prompt
  reindex                                   build a fresh search index and swap it in (Meilisearch),
                                            then replay changes saved meanwhile
  reconcile                                 compare the index with the catalogue, queue and send repairs
  sync                                      send every due outbox row to the search engine now
  export [--format json|csv] [--out FILE]   write every programme (not deleted) in the import format
  import FILE [--apply]                     check a .json or .csv file row by row (a dry run);
                                            with --apply, save the valid rows in one transaction
  generate --count N [--seed S]             replace the synthetic programmes with N deterministic ones
                                            (benchmarks only; slugs start with "synthetic-")
  backup FILE                               back up the database while it serves: pg_dump of the server's
                                            version where installed, else (embedded) a base backup
  restore FILE [--force]                    restore a backup into an empty database (--force: replace one),
                                            migrate it and rebuild the search index

Without DATABASE_URL the commands use the embedded PostgreSQL under .data/ (started if needed).`;

const out = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  // before any database is opened: an embedded installation is restored into its directory, not into a running cluster
  if (command === 'restore') return restore(config, rest);
  const db = await openDatabase(config.database);
  try {
    const resolved = config.withDatabaseUrl(db.url);
    switch (command) {
      case 'backup': {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true });
        if (positionals.length !== 1) {
          out('backup needs one FILE to write');
          return 2;
        }
        const dir = resolve(config.database.embeddedDir);
        const report = await backupDatabase(positionals[0], db.url, db.embedded ? { dir, secretFile: `${dir}.secret` } : undefined);
        out(
          `Backed up ${report.manifest.database} (PostgreSQL ${report.manifest.serverVersion}, ${report.manifest.lastMigration ?? 'no migrations'}) ` +
            `with ${report.manifest.tool} to ${report.file} (${(report.bytes / 1024 / 1024).toFixed(1)} MB)`,
        );
        return 0;
      }
      case 'migrate': {
        const ran = await runMigrations(db.url);
        out(ran.length ? `Applied: ${ran.join(', ')}` : 'Database is up to date');
        return 0;
      }
      case 'seed': {
        await runMigrations(db.url);
        const app = await NestFactory.createApplicationContext(CliModule.forRoot(resolved), { logger: false });
        try {
          const r = await app.get(CatalogueSeeder).seed();
          out(`Added ${r.programmes} programmes, ${r.organisations} organisations, ${r.terms} taxonomy terms; ${catalogueUpdates(r)}`);
        } finally {
          await app.close();
        }
        return 0;
      }
      case 'create-user': {
        const { values } = parseArgs({
          args: rest,
          options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, reset: { type: 'boolean' } },
          strict: true,
        });
        if (!values.email || !values.role || !(ROLES as readonly string[]).includes(values.role)) {
          out('create-user needs --email and --role admin|editor');
          return 2;
        }
        const password = readSecret('ADMIN_PASSWORD') ?? (await promptSecret(`Password for ${values.email}: `));
        await runMigrations(db.url);
        const app = await NestFactory.createApplicationContext(CliModule.forRoot(resolved), { logger: false });
        try {
          const identity = app.get(IdentityService);
          const user = values.reset
            ? await identity.resetUser(values.email, password, values.role as Role)
            : await identity.createUser(values.email, password, values.role as Role, values.name);
          out(`${values.reset ? 'Updated' : 'Created'} ${user.role} ${user.email} (${user.id})`);
        } finally {
          await app.close();
        }
        return 0;
      }
      case 'export':
      case 'import': {
        await runMigrations(db.url);
        const app = await NestFactory.createApplicationContext(CliModule.forRoot(resolved), { logger: false });
        try {
          return await runTransferCommand(app, command, rest);
        } finally {
          await app.close();
        }
      }
      case 'reindex':
      case 'reconcile':
      case 'sync':
      case 'generate': {
        await runMigrations(db.url);
        const app = await NestFactory.createApplicationContext(CliModule.forRoot(resolved), { logger: false });
        try {
          return await runSearchCommand(app, command, rest);
        } finally {
          await app.close();
        }
      }
      default:
        out(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await db.stop();
  }
}

/**
 * `restore FILE [--force]`: into DATABASE_URL's database (a pg_dump backup, with pg_restore), or into the
 * embedded installation's directory (either kind: a base backup's files, or a fresh cluster and pg_restore).
 * Then the migrations of this release, and a rebuilt search index.
 */
async function restore(config: AppConfig, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) {
    out('restore needs one FILE (made by "cli backup")');
    return 2;
  }
  const file = positionals[0];
  const force = !!values.force;
  const manifest = await readManifest(file);
  out(`${file}: ${manifest.database} on PostgreSQL ${manifest.serverVersion}, taken ${manifest.createdAt} with ${manifest.tool}`);
  if (config.database.url) {
    if (manifest.method !== 'pg_dump') {
      throw new BackupError(
        "This backup is a copy of an embedded installation's files (a base backup), which only an embedded installation can start from: " +
          'restore it without DATABASE_URL (into EMBEDDED_PG_DIR), then move the data to your server with pg_dump from there',
      );
    }
    await restoreDump(file, config.database.url, force);
  } else {
    const dir = resolve(config.database.embeddedDir);
    const aside = await prepareEmbeddedDirectory(dir, force);
    if (aside) out(`The installation that was in ${dir} is kept as ${aside}`);
    if (manifest.method === 'base-backup') await restoreBaseBackup(file, dir);
  }
  // the embedded cluster starts here: from a base backup it replays the WAL the backup holds first
  const db = await openDatabase(config.database);
  try {
    if (!config.database.url && manifest.method === 'pg_dump') await restoreDump(file, db.url, false);
    const ran = await runMigrations(db.url);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config.withDatabaseUrl(db.url)), { logger: false });
    try {
      const report = await app.get(SearchMaintenanceService).reindex();
      out(
        `Restored ${manifest.database}${ran.length ? `, then applied ${ran.join(', ')}` : ''}; rebuilt the ${report.engine} search index (${report.documents} documents)`,
      );
    } finally {
      await app.close();
    }
    return 0;
  } finally {
    await db.stop();
  }
}

/** Import and export in the one documented format (libs/catalogue/src/transfer/programme-record.ts). */
async function runTransferCommand(app: INestApplicationContext, command: string, args: string[]): Promise<number> {
  const transfer = app.get(ProgrammeTransferService);
  if (command === 'export') {
    const { values } = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' } }, strict: true });
    const format = values.format ?? (values.out?.endsWith('.csv') ? 'csv' : 'json');
    if (format !== 'json' && format !== 'csv') {
      out('export --format must be json or csv');
      return 2;
    }
    const records = await transfer.exportAll();
    const text = format === 'csv' ? recordsToCsv(records) : `${JSON.stringify(records, null, 2)}\n`;
    if (values.out) {
      await writeFile(values.out, text);
      out(`Exported ${records.length} programmes to ${values.out}`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  }
  const { values, positionals } = parseArgs({ args, options: { apply: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    out('import needs one FILE (.json or .csv)');
    return 2;
  }
  const format = formatOf(file);
  if (!format) {
    out('import reads .json or .csv files');
    return 2;
  }
  const { maxFileBytes, maxRows } = app.get(AppConfig).transfer;
  const { size } = await stat(file);
  if (size > maxFileBytes) {
    out(
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; an import may be at most ${maxFileBytes / 1024 / 1024} MB (IMPORT_MAX_FILE_MB): split it into several files`,
    );
    return 2;
  }
  let rows;
  try {
    rows = await readRows(format, await readFile(file, 'utf8'), { maxRows });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    out(`${file}: ${error.message}`);
    return 2;
  }
  const bar = progressBar('rows');
  bar.setTotal(rows.length);
  const started = performance.now();
  const report = await transfer.import(rows, {
    apply: !!values.apply,
    actor: { id: null, label: `system:import ${file}` },
    source: `import:${file}`,
    onProgress: (n) => bar.update(n),
  });
  bar.stop();
  for (const r of report.rows.filter((x) => x.action === 'invalid')) {
    for (const p of r.problems ?? []) out(`row ${r.row}${r.slug ? ` (${r.slug})` : ''}: ${p.field}: ${p.messages.join('; ')}`);
  }
  // the report lists the first problems of each field; the rest are counted
  for (const [field, count] of Object.entries(report.omitted.problems)) out(`… and ${count} more problems with ${field}, not listed`);
  const c = report.counts;
  out(
    `${report.applied ? 'Applied' : 'Dry run (nothing saved; add --apply to save)'}: ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s — ` +
      `${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.invalid} invalid${report.applied && c.invalid ? ' (skipped)' : ''}`,
  );
  return c.invalid ? 1 : 0;
}

/** The search maintenance commands; progress goes to stderr, the report to stdout. */
async function runSearchCommand(app: INestApplicationContext, command: string, args: string[]): Promise<number> {
  const relay = app.get(SearchSyncRelay);
  switch (command) {
    case 'reindex': {
      const bar = progressBar('documents');
      const report = await app.get(SearchMaintenanceService).reindex((done, total) => {
        bar.setTotal(total);
        bar.update(done);
      });
      bar.stop();
      out(`Rebuilt the ${report.engine} index: ${report.documents} documents, ${report.replayed} changed meanwhile and replayed`);
      return 0;
    }
    case 'reconcile': {
      const report = await app.get(SearchMaintenanceService).reconcile();
      if (!app.get(SearchEngine).holdsCopy) {
        out('The PostgreSQL engine searches the catalogue itself: there is no copy to drift');
        return 0;
      }
      const run = await relay.drain();
      out(
        `Checked ${report.checked} programmes against the ${report.engine} index: ${report.missing} missing, ${report.stale} stale, ` +
          `${report.extra} extra; ${report.queued} repairs queued, ${run.processed} outbox rows sent, ${run.failed} failed`,
      );
      return run.failed ? 1 : 0;
    }
    case 'sync': {
      const run = await relay.drain();
      out(`Sent ${run.processed} outbox rows, ${run.failed} failed (they wait and retry)`);
      return run.failed ? 1 : 0;
    }
    default: {
      const { values } = parseArgs({ args, options: { count: { type: 'string' }, seed: { type: 'string' } }, strict: true });
      const count = Number(values.count);
      const seed = Number(values.seed ?? 1);
      if (!Number.isInteger(count) || count < 0 || count > 1_000_000 || !Number.isInteger(seed)) {
        out('generate needs --count N (0 to 1000000) and an optional whole-number --seed');
        return 2;
      }
      const bar = progressBar('programmes');
      bar.setTotal(count);
      const report = await app.get(SyntheticCatalogueService).generate(count, seed, (done) => bar.update(done));
      bar.stop();
      await app.get(PostgresSearchEngine).afterBulkLoad();
      out(
        `Synthetic catalogue: removed ${report.removed}, created ${report.created} (${report.published} published); run "sync" or let the worker index them`,
      );
      return 0;
    }
  }
}

function progressBar(unit: string): SingleBar {
  const bar = new SingleBar(
    { format: `{bar} {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(0, 0);
  return bar;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof ConfigError ||
      error instanceof DomainError ||
      error instanceof BackupError ||
      (error as Error)?.name === 'TypeError';
    process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
