import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@app/identity';
import { DomainError, exactVersion, pacer, type FieldProblem } from '@app/common';
import { BulkDatabase, pgErrorCode } from '@app/database';
import type { Actor } from '../catalogue.errors';
import { PUBLICATION_STATES, type PublicationState } from '../programmes/programme-status';
import { mapProgramme } from '../programmes/programme.mapper';
import type { ProgrammeView } from '../programmes/dto/programme-view.dto';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProgrammesService, type ProgrammeTransition } from '../programmes/programmes.service';
import { PendingChangesService } from '../programmes/pending-changes.service';
import { toProgrammeInput, toRecord, type ParsedRow, type ProgrammeRecord } from './programme-record';
import type { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';

export interface ImportRowReport {
  row: number;
  slug: string | null;
  action: 'create' | 'update' | 'unchanged' | 'invalid';
  changedFields?: string[];
  /** The update became the entry's pending change (PROGRAMME_REVIEW_REQUIRED): not public until another editor publishes it. */
  pendingChange?: boolean;
  problems?: FieldProblem[];
}

export interface ImportReport {
  applied: boolean;
  counts: Record<ImportRowReport['action'], number>;
  /**
   * The rows to show, so a report stays small whatever the file: invalid rows with their first
   * problems (at most PROBLEMS_LISTED_PER_FIELD per field), and the first CHANGES_LISTED creates
   * and updates. Unchanged rows are only counted.
   */
  rows: ImportRowReport[];
  /** What `rows` leaves out: problems beyond the first ones, by field, and creates and updates beyond the first. */
  omitted: { problems: Record<string, number>; changes: number };
}

/** Problems listed per field (the rest are counted), fields listed (the rest go under "other fields"), changes listed. */
export const PROBLEMS_LISTED_PER_FIELD = 50;
const FIELDS_LISTED = 100;
export const CHANGES_LISTED = 1000;
const OTHER_FIELDS = '(other fields)';

/** Builds a report of bounded size as rows come in. */
class ReportBuilder {
  readonly report: ImportReport;
  private readonly listed = new Map<string, number>();
  private invalidListed = 0;

  constructor(applied: boolean) {
    this.report = { applied, counts: { create: 0, update: 0, unchanged: 0, invalid: 0 }, rows: [], omitted: { problems: {}, changes: 0 } };
  }

  add(row: ImportRowReport): void {
    this.report.counts[row.action]++;
    if (row.action === 'unchanged') return;
    if (row.action !== 'invalid') {
      if (this.report.rows.length - this.invalidListed < CHANGES_LISTED) this.report.rows.push(row);
      else this.report.omitted.changes++;
      return;
    }
    const kept: FieldProblem[] = [];
    for (const problem of row.problems ?? []) {
      const field = this.listed.has(problem.field) || this.listed.size < FIELDS_LISTED ? problem.field : OTHER_FIELDS;
      const n = this.listed.get(field) ?? 0;
      if (field !== OTHER_FIELDS && n < PROBLEMS_LISTED_PER_FIELD) {
        this.listed.set(field, n + 1);
        kept.push({ field: problem.field, messages: problem.messages.map((m) => m.slice(0, 500)) });
      } else {
        this.report.omitted.problems[field] = (this.report.omitted.problems[field] ?? 0) + 1;
      }
    }
    if (kept.length) {
      this.report.rows.push({ ...row, slug: row.slug?.slice(0, 200) ?? null, problems: kept });
      this.invalidListed++;
    }
  }
}

/** A row whose fields passed the checks that need no database. */
interface ReadRow {
  row: number;
  body: Record<string, unknown>;
  dto: CreateProgrammeDto;
  target: PublicationState;
}

/** A row that could not get its programme in time during a dry run (an apply elsewhere holds it): reported, not fatal. */
const BUSY: FieldProblem = { field: 'row', messages: ['another change held this programme while it was checked; check the file again'] };
/** A lock or statement that waited too long (DATABASE_LOCK_TIMEOUT_MS). */
const LOCK_WAITS = new Set(['55P03', '57014']);

/** The moves from one publication state to another. */
const ROUTES: Record<PublicationState, Record<PublicationState, ProgrammeTransition[]>> = {
  draft: { draft: [], published: ['publish'], archived: ['archive'] },
  published: { draft: ['unpublish'], published: [], archived: ['archive'] },
  archived: { draft: ['restore'], published: ['restore', 'publish'], archived: [] },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Dotted paths where `given` (only the keys it has) differs from `current`. */
function differences(given: unknown, current: unknown, path = ''): string[] {
  if (isObject(given)) {
    const base = isObject(current) ? current : {};
    return Object.keys(given).flatMap((k) => differences(given[k], base[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(normalise(given)) === JSON.stringify(normalise(current)) ? [] : [path];
}

/** Dates compare as instants, and an empty criterion as no criterion. */
function normalise(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  if (v === undefined) return null;
  return v;
}

const compactCriteria = (c: unknown): unknown =>
  isObject(c)
    ? Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)))
    : c;

/**
 * Import and export in one format (see programme-record.ts). An import runs
 * every row through the same service an editor's save goes through, on the
 * bulk pool (never the site's). An apply runs in one transaction with a
 * savepoint per row and commits the rows that passed. A dry run checks each
 * row in a transaction of its own that is rolled back at once, so it holds no
 * programme's lock beyond the milliseconds of its row, and no transaction that
 * would hold the change feed back; new entries earlier in the file count as
 * known parents. Rows that would change nothing are left alone, so importing
 * an export, or the same file twice, changes nothing. An import writes published entries directly (its dry run
 * is its review), unless PROGRAMME_REVIEW_REQUIRED: then a change to a published entry that
 * stays published becomes its pending change, for another editor to publish.
 */
@Injectable()
export class ProgrammeTransferService {
  constructor(
    private readonly bulk: BulkDatabase,
    private readonly programmes: ProgrammesService,
    private readonly pending: PendingChangesService,
    private readonly repository: ProgrammeRepository,
    private readonly audit: AuditService,
  ) {}

  async exportAll(): Promise<ProgrammeRecord[]> {
    const out: ProgrammeRecord[] = [];
    for (let page = 1; ; page++) {
      const { items } = await this.programmes.listForAdmin({}, { page, perPage: 100 });
      out.push(...items.map(toRecord));
      if (items.length < 100) return out.sort((a, b) => a.slug.localeCompare(b.slug));
    }
  }

  async import(
    rows: ParsedRow[],
    options: { apply: boolean; actor: Actor; source?: string; onProgress?: (done: number) => void },
  ): Promise<ImportReport> {
    const report = new ReportBuilder(options.apply);
    const runner = (await this.bulk.dataSource()).createQueryRunner();
    await runner.connect();
    try {
      const seen = new Set<string>();
      const savedEarlier = new Set<string>();
      const pace = pacer();
      if (options.apply) await runner.startTransaction();
      for (const [i, row] of rows.entries()) {
        const read = await this.readRow(row, seen);
        if (!('dto' in read)) report.add(read);
        else if (options.apply) report.add(await this.saveRow(runner.manager, read, options.actor, null));
        else {
          await runner.startTransaction();
          try {
            const result = await this.saveRow(runner.manager, read, options.actor, savedEarlier);
            if (result.action === 'create' || result.action === 'update') savedEarlier.add(read.dto.slug);
            report.add(result);
          } catch (error) {
            if (!LOCK_WAITS.has(pgErrorCode(error) ?? '') || !runner.isTransactionActive) throw error;
            report.add({ row: row.row, slug: read.dto.slug, action: 'invalid', problems: [BUSY] });
          } finally {
            if (runner.isTransactionActive) await runner.rollbackTransaction();
          }
        }
        options.onProgress?.(i + 1);
        // invalid rows need no database, so nothing else would give the event loop a turn
        await pace();
      }
      if (options.apply) {
        await this.audit.record(
          options.actor,
          'import.apply',
          options.source ?? null,
          { counts: report.report.counts, rows: rows.length },
          runner.manager,
        );
        await runner.commitTransaction();
      }
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    return report.report;
  }

  /**
   * One row through the editor's save path. `knownFromFile` (a dry run): slugs of rows earlier in
   * the file, which count as existing parents although their rows were rolled back.
   */
  /** What a row says, checked without the database: its validated input, or the row's report when it is invalid. */
  private async readRow(row: ParsedRow, seen: Set<string>): Promise<ReadRow | ImportRowReport> {
    const raw = isObject(row.record) ? row.record : {};
    const slug = typeof raw.slug === 'string' ? raw.slug : null;
    const invalid = (problems: FieldProblem[]): ImportRowReport => ({ row: row.row, slug, action: 'invalid', problems });
    if (!isObject(row.record)) return invalid([{ field: 'row', messages: ['must be an object'] }]);
    if (row.problems.length) return invalid(row.problems);
    const { publicationState, ...body } = raw;
    const problems: FieldProblem[] = [];
    if (!(PUBLICATION_STATES as readonly unknown[]).includes(publicationState)) {
      problems.push({ field: 'publicationState', messages: [`must be one of ${PUBLICATION_STATES.join(', ')}`] });
    }
    const { dto, problems: invalidFields } = await toProgrammeInput(body);
    problems.push(...invalidFields);
    if (problems.length) return invalid(problems);
    if (seen.has(dto.slug)) return invalid([{ field: 'slug', messages: ['appears earlier in the file'] }]);
    seen.add(dto.slug);
    return { row: row.row, body, dto, target: publicationState as PublicationState };
  }

  /**
   * A valid row through the editor's save path. `knownFromFile` (a dry run): slugs saved by rows
   * earlier in the file, which count as existing parents although those rows were rolled back.
   */
  private async saveRow(tx: EntityManager, read: ReadRow, actor: Actor, knownFromFile: Set<string> | null): Promise<ImportRowReport> {
    const { body, dto, target } = read;
    const invalid = (problems: FieldProblem[]): ImportRowReport => ({ row: read.row, slug: dto.slug, action: 'invalid', problems });
    // a dry run rolled back the rows before this one: a parent created there is taken as known
    if (knownFromFile && typeof dto.parent === 'string' && knownFromFile.has(dto.parent) && dto.parent !== dto.slug) {
      if (!(await this.repository.findLiveBySlug(dto.parent, tx))) dto.parent = undefined;
    }
    const existing = await this.repository.findLiveBySlug(dto.slug, tx);
    let changedFields: string[] = [];
    if (existing) {
      const current = await this.repository.findLiveById(existing.id, tx);
      const given = {
        ...body,
        ...(isObject(body.eligibility)
          ? { eligibility: { ...body.eligibility, criteria: compactCriteria(body.eligibility.criteria) } }
          : {}),
      };
      changedFields = differences(given, toRecord(mapProgramme(current!)));
      if (changedFields.length === 0 && existing.publicationState === target) return { row: read.row, slug: dto.slug, action: 'unchanged' };
    }

    // with review required, a change to what the public sees waits as a pending change like an editor's
    const pendingChange =
      !!existing &&
      !!changedFields.length &&
      this.pending.reviewRequired &&
      existing.publicationState === 'published' &&
      target === 'published';
    await tx.query('SAVEPOINT import_row');
    try {
      let saved: ProgrammeView;
      if (!existing) saved = await this.programmes.create(dto, actor, tx, target);
      else {
        if (pendingChange) await this.pending.edit(existing.id, { kind: 'live', version: existing.version }, dto, actor, {}, tx);
        saved =
          changedFields.length && !pendingChange
            ? await this.programmes.update(existing.id, exactVersion(existing.version), dto, actor, tx)
            : mapProgramme((await this.repository.findLiveById(existing.id, tx))!);
      }
      for (const step of ROUTES[saved.publicationState][target])
        saved = await this.programmes.transition(saved.id, exactVersion(saved.version), step, actor, tx);
      await tx.query('RELEASE SAVEPOINT import_row');
      const stateChanged = existing && existing.publicationState !== target ? ['publicationState'] : [];
      return existing
        ? {
            row: read.row,
            slug: dto.slug,
            action: 'update',
            changedFields: [...changedFields, ...stateChanged],
            ...(pendingChange ? { pendingChange } : {}),
          }
        : { row: read.row, slug: dto.slug, action: 'create' };
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT import_row');
      if (error instanceof DomainError) {
        const details = Array.isArray(error.details) ? (error.details as FieldProblem[]) : [{ field: 'row', messages: [error.message] }];
        return invalid(details);
      }
      throw error;
    }
  }
}
