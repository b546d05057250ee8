import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { WorkerModule } from './worker.module';

/** The worker process: scheduled jobs against DATABASE_URL (it never starts a database of its own). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) throw new ConfigError('The worker needs DATABASE_URL (npm start runs the worker in-process instead)');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  await app.init();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
