import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { ExportContext } from './export-format';
import type { ExportWorkerAnswer, ExportWorkerData, ExportWorkerRequest } from './export.worker';

/** One piece of an export, rendered: its text and how many programmes it holds. */
export interface RenderedPiece {
  text: string;
  count: number;
}

/**
 * The server's side of the export thread (export.worker.ts): one thread per server, started with
 * the first export, with its own small pool (DATABASE_BULK_POOL_SIZE connections). Exports hand it
 * ids a piece at a time and get text back, so the site's event loop only passes text on to the
 * client. A thread that dies fails the pieces it was rendering (their exports end cut short) and is
 * started again for the next export.
 */
@Injectable()
export class ExportRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger(ExportRenderer.name);
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, { resolve: (piece: RenderedPiece) => void; reject: (error: Error) => void }>();
  private seq = 0;
  private exports = 0;

  constructor(private readonly config: AppConfig) {}

  /** Opens an export in the thread; the returned renderer turns ids into text, and `close` forgets it. */
  async open(context: ExportContext): Promise<{ render: (ids: string[]) => Promise<RenderedPiece>; close: () => void }> {
    const worker = await this.started();
    const exportId = ++this.exports;
    this.send(worker, { type: 'open', exportId, context });
    return {
      render: (ids) =>
        new Promise<RenderedPiece>((resolve, reject) => {
          const seq = ++this.seq;
          this.pending.set(seq, { resolve, reject });
          this.send(worker, { type: 'render', exportId, seq, ids });
        }),
      close: () => {
        if (this.worker === worker) this.send(worker, { type: 'close', exportId });
      },
    };
  }

  /** After the HTTP server has closed and its requests (exports in flight included) have finished. */
  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }

  private send(worker: Worker, message: ExportWorkerRequest): void {
    worker.postMessage(message);
  }

  private started(): Promise<Worker> {
    if (this.worker && this.ready) {
      const worker = this.worker;
      return this.ready.then(() => worker);
    }
    const data: ExportWorkerData = {
      url: this.config.database.url!,
      poolSize: this.config.database.bulkPoolSize,
      lockTimeoutMs: this.config.database.lockTimeoutMs,
    };
    const worker = new Worker(join(__dirname, 'export-worker.cjs'), { workerData: data });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the export thread stopped (${code}) before it was ready`)));
    });
    worker.on('message', (answer: ExportWorkerAnswer | { type: 'ready' }) => {
      if (answer.type === 'ready') return;
      const waiting = this.pending.get(answer.seq);
      this.pending.delete(answer.seq);
      if (answer.type === 'rendered') waiting?.resolve({ text: answer.text, count: answer.count });
      else waiting?.reject(new Error(`export thread: ${answer.message}`));
    });
    const lost = (why: string) => {
      if (this.worker === worker) {
        this.worker = null;
        this.ready = null;
      }
      for (const [seq, waiting] of this.pending) {
        this.pending.delete(seq);
        waiting.reject(new Error(why));
      }
    };
    worker.on('error', (error) => {
      this.logger.error({ err: error }, 'Export thread failed');
      lost('the export thread failed');
    });
    worker.on('exit', () => lost('the export thread stopped'));
    return this.ready.then(() => worker);
  }
}
