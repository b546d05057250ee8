import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, sha256Of } from '@app/common';
import { AppConfig } from '@app/config';
import type { Actor } from '../catalogue.errors';
import { readRows, type ParsedRow, type TransferFormat } from './programme-record';
import { ProgrammeTransferService, type ImportReport } from './programme-transfer.service';

export type ImportState = 'queued' | 'checking' | 'checked' | 'apply-queued' | 'applying' | 'applied' | 'failed';

export interface ImportJob {
  id: string;
  fileName: string;
  format: TransferFormat;
  sha256: string;
  rows: number;
  state: ImportState;
  /** Rows done by the running check or apply. */
  done: number;
  /** Waiting its turn (queued or apply-queued): its place in its server's line (1 = next), and whether an import runs there now. */
  place: number | null;
  /** A check or apply, running or waiting, whose process stopped (no progress for a while). */
  interrupted: boolean;
  error: string | null;
  report: ImportReport | null;
  appliedReport: ImportReport | null;
  createdAt: Date;
  createdBy: string | null;
  appliedAt: Date | null;
}

interface ImportJobRow {
  id: string;
  file_name: string;
  format: TransferFormat;
  sha256: string;
  rows: number;
  state: ImportState;
  done: number;
  stale: boolean;
  place: number | null;
  error: string | null;
  report: ImportReport | null;
  applied_report: ImportReport | null;
  created_at: Date;
  created_by: string | null;
  applied_at: Date | null;
}

/** A running check or apply writes its progress this often (rows); no progress for STALE_AFTER means its process stopped. */
const PROGRESS_EVERY = 200;
const STALE_AFTER = "interval '2 minutes'";
/** Files waiting in line say every so often that their server still holds them. */
const WAITING_HEARTBEAT_MS = 30_000;

/**
 * Imports from the admin pages, which can take minutes for a large file: the
 * file is read (a slice at a time, within IMPORT_MAX_FILE_MB and
 * IMPORT_MAX_ROWS) and kept in the database, checked (a dry run) and later
 * applied in the background while the page shows progress. One import runs at
 * a time on each server (on the bulk pool, never the site's); others wait in
 * line, and their page shows their place. An apply is claimed atomically, so
 * it runs once; an apply that fails or whose process dies saved nothing (one
 * transaction) and can be run again.
 */
@Injectable()
export class ImportJobsService implements OnModuleDestroy {
  private readonly logger = new Logger(ImportJobsService.name);
  /** This process's name in the line (`import_file.runner`). */
  private readonly runner = randomUUID();
  private readonly line: (() => Promise<void>)[] = [];
  private working = false;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transfer: ProgrammeTransferService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Reads and keeps the file and starts its dry run (in line behind other imports on this
   * server); returns its id once the check is done or `waitMs` has passed (small files are
   * checked by then). An unreadable file (400) or one over the row limit (413) is refused
   * before anything is stored.
   */
  async start(file: { name: string; format: TransferFormat; content: string }, actor: Actor, waitMs = 2000): Promise<string> {
    let parsed: ParsedRow[] | null = await readRows(file.format, file.content, { maxRows: this.config.transfer.maxRows });
    const { length } = parsed;
    const sha256 = await sha256Of(file.content);
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO import_file (file_name, format, content, sha256, rows, state, created_by, runner, queued_at)
       VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, clock_timestamp()) RETURNING id`,
      [file.name, file.format, file.content, sha256, length, actor.id, this.runner],
    );
    // a file that must wait its turn holds no parsed rows in memory meanwhile: it is read again then
    if (this.working || this.line.length) parsed = null;
    const checked = this.inLine(async () => {
      const [[claimed]] = await this.dataSource.query<[unknown[], number]>(
        `UPDATE import_file SET state = 'checking', done = 0, heartbeat = now() WHERE id = $1 AND state = 'queued' RETURNING id`,
        [id],
      );
      if (!claimed) return;
      try {
        const rows = parsed ?? (await readRows(file.format, await this.contentOf(id), { maxRows: this.config.transfer.maxRows }));
        parsed = null;
        const report = await this.transfer.import(rows, { apply: false, actor, onProgress: this.progress(id) });
        await this.dataSource.query(`UPDATE import_file SET state = 'checked', report = $2, done = rows WHERE id = $1`, [
          id,
          JSON.stringify(report),
        ]);
      } catch (error) {
        this.logger.error({ err: error, importId: id }, 'Import check failed');
        await this.dataSource
          .query(`UPDATE import_file SET state = 'failed', error = $2 WHERE id = $1`, [
            id,
            'The file could not be checked; upload it again',
          ])
          .catch(() => undefined);
      }
    });
    await Promise.race([checked, waitAtMost(waitMs)]);
    return id;
  }

  async get(id: string): Promise<ImportJob> {
    const [row] = await this.dataSource.query<ImportJobRow[]>(
      `SELECT f.id, f.file_name, f.format, f.sha256, f.rows, f.state, f.done, f.error, f.report, f.applied_report, f.created_at, f.applied_at,
              f.heartbeat < now() - ${STALE_AFTER} AS stale, u.email AS created_by,
              CASE WHEN f.state IN ('queued', 'apply-queued') THEN
                (SELECT count(*)::int + 1 FROM import_file o
                  WHERE o.runner = f.runner AND o.state IN ('queued', 'apply-queued') AND o.queued_at < f.queued_at)
              END AS place
         FROM import_file f LEFT JOIN app_user u ON u.id = f.created_by WHERE f.id = $1`,
      [id],
    );
    if (!row) throw new DomainError('not_found', 'IMPORT.NOT_FOUND', `No uploaded import ${id}`);
    const waiting = row.state === 'queued' || row.state === 'apply-queued';
    return {
      id: row.id,
      fileName: row.file_name,
      format: row.format,
      sha256: row.sha256,
      rows: row.rows,
      state: row.state,
      done: row.done,
      place: waiting ? row.place : null,
      interrupted: row.stale && (waiting || row.state === 'checking' || row.state === 'applying'),
      error: row.error,
      report: row.report,
      appliedReport: row.applied_report,
      createdAt: row.created_at,
      createdBy: row.created_by,
      appliedAt: row.applied_at,
    };
  }

  /** Puts a checked file in line to be applied (once); returns when it is done or after `waitMs`. */
  async apply(id: string, actor: Actor, waitMs = 2000): Promise<void> {
    // TypeORM answers an UPDATE with [rows, count]
    const [[claimed]] = await this.dataSource.query<[{ format: TransferFormat; file_name: string }[], number]>(
      `UPDATE import_file SET state = 'apply-queued', runner = $2, queued_at = clock_timestamp(), heartbeat = now(), error = NULL
        WHERE id = $1 AND (state = 'checked' OR (state IN ('applying', 'apply-queued') AND heartbeat < now() - ${STALE_AFTER}))
        RETURNING format, file_name`,
      [id, this.runner],
    );
    if (!claimed) {
      const job = await this.get(id);
      throw new DomainError(
        'conflict',
        'IMPORT.NOT_APPLICABLE',
        {
          queued: 'This file is still waiting to be checked',
          checking: 'This file is still being checked',
          failed: 'This file could not be checked; upload it again',
          'apply-queued': 'This file is already waiting to be applied',
          applying: 'This file is already being applied',
          applied: 'This file has already been applied',
          checked: 'This file is not ready to apply',
        }[job.state],
      );
    }
    const run = this.inLine(async () => {
      const [[mine]] = await this.dataSource.query<[{ content: string }[], number]>(
        `UPDATE import_file SET state = 'applying', done = 0, heartbeat = now()
          WHERE id = $1 AND state = 'apply-queued' AND runner = $2 RETURNING content`,
        [id, this.runner],
      );
      if (!mine) return;
      try {
        const rows = await readRows(claimed.format, mine.content, { maxRows: this.config.transfer.maxRows });
        const report = await this.transfer.import(rows, {
          apply: true,
          actor,
          source: `import:${claimed.file_name}`,
          onProgress: this.progress(id),
        });
        await this.dataSource.query(
          `UPDATE import_file SET state = 'applied', applied_at = now(), applied_report = $2, done = rows WHERE id = $1`,
          [id, JSON.stringify(report)],
        );
      } catch (error) {
        this.logger.error({ err: error, importId: id }, 'Import apply failed; nothing was saved');
        await this.dataSource
          .query(`UPDATE import_file SET state = 'checked', error = $2 WHERE id = $1`, [
            id,
            'The apply failed and nothing was saved; try again',
          ])
          .catch(() => undefined);
      }
    });
    await Promise.race([run, waitAtMost(waitMs)]);
  }

  private async contentOf(id: string): Promise<string> {
    const [{ content }] = await this.dataSource.query<{ content: string }[]>(`SELECT content FROM import_file WHERE id = $1`, [id]);
    return content;
  }

  onModuleDestroy(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Runs `work` when the imports before it on this server are done; resolves when it has run. */
  private inLine(work: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      this.line.push(() => work().finally(resolve));
      void this.next();
    });
  }

  private async next(): Promise<void> {
    if (this.working) return;
    this.working = true;
    // files waiting here say so, so that another server's page does not take them for abandoned
    this.heartbeat ??= setInterval(() => {
      this.dataSource
        .query(`UPDATE import_file SET heartbeat = now() WHERE runner = $1 AND state IN ('queued', 'apply-queued')`, [this.runner])
        .catch(() => undefined);
    }, WAITING_HEARTBEAT_MS);
    this.heartbeat.unref();
    try {
      for (let work = this.line.shift(); work; work = this.line.shift()) await work().catch(() => undefined);
    } finally {
      this.working = false;
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Records progress (and that the process is alive) every PROGRESS_EVERY rows, without waiting for it. */
  private progress(id: string): (done: number) => void {
    return (done) => {
      if (done % PROGRESS_EVERY !== 0) return;
      this.dataSource.query(`UPDATE import_file SET done = $2, heartbeat = now() WHERE id = $1`, [id, done]).catch(() => undefined);
    };
  }
}

/** A limit on how long a request waits for an import: it never keeps the process alive once the import is done. */
const waitAtMost = (ms: number): Promise<void> => sleep(ms, undefined, { ref: false });
