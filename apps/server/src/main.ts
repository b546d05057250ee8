import 'reflect-metadata';
import { CatalogueSeeder, catalogueUpdates } from '@app/catalogue';
import { Lifecycle } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { openDatabase, runMigrations } from '@app/database';
import { verifyMeilisearchKey } from '@app/search';
import { createServerApp } from './server.app';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * `npm start`: the database (embedded unless DATABASE_URL is set), migrations and
 * the shipped catalogue when configured, then the HTTP server with the in-process worker.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // a server whose jobs run in a separate worker only searches (a search key); with the worker in-process it also writes
  const keyWarning = await verifyMeilisearchKey(config, config.worker.inProcess ? 'write' : 'search');
  if (keyWarning) process.stderr.write(`Warning: ${keyWarning}\n`);
  // the server drains requests before stopping an embedded database, so it handles the signals itself
  const db = await openDatabase(config.database, { ownSignals: true });
  if (db.embedded) say(`Embedded PostgreSQL running (data in ${config.database.embeddedDir})`);
  const resolved = config.withDatabaseUrl(db.url);
  if (resolved.database.migrateOnStart) {
    const ran = await runMigrations(db.url);
    if (ran.length) say(`Applied migrations: ${ran.join(', ')}`);
  }
  const app = await createServerApp(resolved);
  if (resolved.database.seedOnStart) {
    const report = await app.get(CatalogueSeeder).seed();
    say(
      `Catalogue: added ${report.programmes} programmes, ${report.organisations} organisations, ${report.terms} taxonomy terms; ${catalogueUpdates(report)}`,
    );
  }
  await app.listen(resolved.http.port, resolved.http.host);
  say(`Support Navigator is listening on http://${resolved.http.host}:${resolved.http.port}  (API docs: /api/docs; Ctrl-C stops)`);

  // stopping: readiness goes 503 at once, then after the grace period the server stops accepting,
  // lets the requests in flight finish and the worker's jobs end, and the process exits 0
  const lifecycle = app.get(Lifecycle);
  const stop = async (signal: string): Promise<void> => {
    if (lifecycle.stopping) return;
    lifecycle.beginStopping();
    // an orchestrator's SIGTERM gets the grace period for load balancers; Ctrl-C at a terminal stops at once
    const grace = signal === 'SIGTERM' ? resolved.http.shutdownGraceMs : 0;
    say(`${signal}: stopping (readiness now 503; closing in ${grace} ms)…`);
    await new Promise((r) => setTimeout(r, grace));
    await app.close();
    await db.stop();
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Start-up failed: ${String((error as Error)?.stack ?? error)}`}\n`,
  );
  process.exit(1);
});
