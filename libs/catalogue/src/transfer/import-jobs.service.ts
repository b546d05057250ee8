import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import type { Actor } from '../catalogue.errors';
import { rowsOf, type ParsedRow, type TransferFormat } from './programme-record';
import { ProgrammeTransferService, type ImportReport } from './programme-transfer.service';

export type ImportState = 'checking' | 'checked' | 'applying' | 'applied' | 'failed';

export interface ImportJob {
  id: string;
  fileName: string;
  format: TransferFormat;
  sha256: string;
  rows: number;
  state: ImportState;
  /** Rows done by the running check or apply. */
  done: number;
  /** A check or apply whose process stopped (no progress for a while). */
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

/**
 * Imports from the admin pages, which can take a minute for 10,000 rows: the
 * file is kept in the database, checked (a dry run) and later applied in the
 * background while the page shows progress. An apply is claimed atomically,
 * so it runs once; an apply that fails or whose process dies saved nothing
 * (one transaction) and can be run again.
 */
@Injectable()
export class ImportJobsService {
  private readonly logger = new Logger(ImportJobsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transfer: ProgrammeTransferService,
  ) {}

  /**
   * Keeps the file and starts its dry run; returns its id once the check is
   * done or `waitMs` has passed (small files are checked by then).
   * Unreadable files throw (JSON syntax), before anything is stored.
   */
  async start(file: { name: string; format: TransferFormat; content: string }, actor: Actor, waitMs = 2000): Promise<string> {
    const rows = rowsOf(file.format, file.content);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO import_file (file_name, format, content, sha256, rows, state, created_by) VALUES ($1, $2, $3, $4, $5, 'checking', $6) RETURNING id`,
      [file.name, file.format, file.content, sha256, rows.length, actor.id],
    );
    await Promise.race([this.check(id, rows, actor), sleep(waitMs)]);
    return id;
  }

  async get(id: string): Promise<ImportJob> {
    const [row] = await this.dataSource.query<ImportJobRow[]>(
      `SELECT f.id, f.file_name, f.format, f.sha256, f.rows, f.state, f.done, f.error, f.report, f.applied_report, f.created_at, f.applied_at,
              f.heartbeat < now() - ${STALE_AFTER} AS stale, u.email AS created_by
         FROM import_file f LEFT JOIN app_user u ON u.id = f.created_by WHERE f.id = $1`,
      [id],
    );
    if (!row) throw new DomainError('not_found', 'IMPORT.NOT_FOUND', `No uploaded import ${id}`);
    return {
      id: row.id,
      fileName: row.file_name,
      format: row.format,
      sha256: row.sha256,
      rows: row.rows,
      state: row.state,
      done: row.done,
      interrupted: row.stale && (row.state === 'checking' || row.state === 'applying'),
      error: row.error,
      report: row.report,
      appliedReport: row.applied_report,
      createdAt: row.created_at,
      createdBy: row.created_by,
      appliedAt: row.applied_at,
    };
  }

  /** Starts applying a checked file (once); returns when it is done or after `waitMs`. */
  async apply(id: string, actor: Actor, waitMs = 2000): Promise<void> {
    // TypeORM answers an UPDATE with [rows, count]
    const [[claimed]] = await this.dataSource.query<[{ format: TransferFormat; content: string; file_name: string }[], number]>(
      `UPDATE import_file SET state = 'applying', done = 0, heartbeat = now(), error = NULL
        WHERE id = $1 AND (state = 'checked' OR (state = 'applying' AND heartbeat < now() - ${STALE_AFTER}))
        RETURNING format, content, file_name`,
      [id],
    );
    if (!claimed) {
      const job = await this.get(id);
      throw new DomainError(
        'conflict',
        'IMPORT.NOT_APPLICABLE',
        {
          checking: 'This file is still being checked',
          failed: 'This file could not be checked; upload it again',
          applying: 'This file is already being applied',
          applied: 'This file has already been applied',
          checked: 'This file is not ready to apply',
        }[job.state],
      );
    }
    const run = this.transfer
      .import(rowsOf(claimed.format, claimed.content), {
        apply: true,
        actor,
        source: `import:${claimed.file_name}`,
        onProgress: this.progress(id),
      })
      .then((report) =>
        this.dataSource.query(
          `UPDATE import_file SET state = 'applied', applied_at = now(), applied_report = $2, done = rows WHERE id = $1`,
          [id, JSON.stringify(report)],
        ),
      )
      .catch((error: unknown) => {
        this.logger.error({ err: error, importId: id }, 'Import apply failed; nothing was saved');
        return this.dataSource.query(`UPDATE import_file SET state = 'checked', error = $2 WHERE id = $1`, [
          id,
          'The apply failed and nothing was saved; try again',
        ]);
      });
    await Promise.race([run, sleep(waitMs)]);
  }

  private async check(id: string, rows: ParsedRow[], actor: Actor): Promise<void> {
    try {
      const report = await this.transfer.import(rows, { apply: false, actor, onProgress: this.progress(id) });
      await this.dataSource.query(`UPDATE import_file SET state = 'checked', report = $2, done = rows WHERE id = $1`, [
        id,
        JSON.stringify(report),
      ]);
    } catch (error) {
      this.logger.error({ err: error, importId: id }, 'Import check failed');
      await this.dataSource
        .query(`UPDATE import_file SET state = 'failed', error = $2 WHERE id = $1`, [id, 'The file could not be checked; upload it again'])
        .catch(() => undefined);
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
