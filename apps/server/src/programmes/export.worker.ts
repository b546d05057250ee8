import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { PUBLISHED_READ_ENTITIES, publishedProgrammeReader } from '@app/catalogue';
import { dataSourceOptions } from '@app/database';
import { renderProgrammes, type ExportContext } from './export-format';

/** What the server sends this thread, and what it answers (see ExportRenderer). */
export type ExportWorkerRequest =
  | { type: 'open'; exportId: number; context: ExportContext }
  | { type: 'render'; exportId: number; seq: number; ids: string[] }
  | { type: 'close'; exportId: number };

export type ExportWorkerAnswer =
  { type: 'rendered'; seq: number; text: string; count: number } | { type: 'failed'; seq: number; message: string };

export interface ExportWorkerData {
  url: string;
  poolSize: number;
  lockTimeoutMs: number;
}

/**
 * The export thread: reads published programmes through a pool of its own and writes them as CSV,
 * JSON or NDJSON, so neither the reading (entity hydration) nor the writing takes the event loop
 * that answers the site. It runs at a lower CPU priority than the server's own thread.
 */
async function main(): Promise<void> {
  const port = parentPort!;
  try {
    // Linux: this thread's id, and a lower priority for it alone (nice 10): requests come first
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    /* elsewhere the thread keeps the process's priority */
  }
  const settings = workerData as ExportWorkerData;
  const dataSource = await new DataSource({
    ...dataSourceOptions({
      url: settings.url,
      poolSize: settings.poolSize,
      lockTimeoutMs: settings.lockTimeoutMs,
      applicationName: 'support-navigator-exports',
    }),
    entities: PUBLISHED_READ_ENTITIES,
  }).initialize();
  const read = publishedProgrammeReader(dataSource);
  const contexts = new Map<number, ExportContext>();
  port.on('message', (message: ExportWorkerRequest) => {
    if (message.type === 'open') contexts.set(message.exportId, message.context);
    else if (message.type === 'close') contexts.delete(message.exportId);
    else {
      const context = contexts.get(message.exportId);
      const answer = (a: ExportWorkerAnswer) => port.postMessage(a);
      if (!context) return answer({ type: 'failed', seq: message.seq, message: 'export not open' });
      read(message.ids).then(
        (views) => answer({ type: 'rendered', seq: message.seq, text: renderProgrammes(views, context), count: views.length }),
        (error: unknown) => answer({ type: 'failed', seq: message.seq, message: String((error as Error)?.message ?? error).slice(0, 500) }),
      );
    }
  });
  port.postMessage({ type: 'ready' });
}

void main().catch((error: unknown) => {
  // the server sees the thread exit and fails the exports it was serving
  process.stderr.write(`export worker: ${String((error as Error)?.message ?? error)}\n`);
  process.exit(1);
});
