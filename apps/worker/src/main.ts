import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { verifyMeilisearchKey } from '@app/search';
import { WorkerModule } from './worker.module';

/** The worker process: scheduled jobs against DATABASE_URL (it never starts a database of its own). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) throw new ConfigError('The worker needs DATABASE_URL (npm start runs the worker in-process instead)');
  // the worker writes to the index (documents, settings, rebuilds): its key is the index-scoped write key
  const keyWarning = await verifyMeilisearchKey(config, 'write');
  if (keyWarning) process.stderr.write(`Warning: ${keyWarning}\n`);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  process.stdout.write(`Support Navigator worker running (pid ${process.pid}); SIGTERM stops it after the runs in flight\n`);
  // The scheduler's timers do not hold a process open (under npm start the HTTP server does), and while
  // PostgreSQL restarts the pool holds no socket either: without this the worker would exit 0 with the database
  // away. It runs until a signal says stop.
  const keepAlive = setInterval(() => undefined, 60_000);
  // stop cleanly: jobs in flight finish (the scheduler waits for them), connections close, exit 0
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(keepAlive);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
