import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/identity';
import { DomainError, exactVersion, type FieldProblem } from '@app/common';
import type { Actor } from '../catalogue.errors';
import { PUBLICATION_STATES, type PublicationState } from '../programmes/programme-status';
import { mapProgramme } from '../programmes/programme.mapper';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProgrammesService, type ProgrammeTransition } from '../programmes/programmes.service';
import { toProgrammeInput, toRecord, type ParsedRow, type ProgrammeRecord } from './programme-record';

export interface ImportRowReport {
  row: number;
  slug: string | null;
  action: 'create' | 'update' | 'unchanged' | 'invalid';
  changedFields?: string[];
  problems?: FieldProblem[];
}

export interface ImportReport {
  applied: boolean;
  counts: Record<ImportRowReport['action'], number>;
  rows: ImportRowReport[];
}

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
 * every row through the same service an editor's save goes through, inside
 * one transaction with a savepoint per row: a dry run rolls it all back and
 * reports; an apply commits the rows that passed and skips the others. Rows
 * that would change nothing are left alone, so importing an export, or the
 * same file twice, changes nothing.
 */
@Injectable()
export class ProgrammeTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
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
    const report: ImportReport = { applied: options.apply, counts: { create: 0, update: 0, unchanged: 0, invalid: 0 }, rows: [] };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const seen = new Set<string>();
      let done = 0;
      for (const row of rows) {
        const result = await this.importRow(runner.manager, row, seen, options.actor);
        report.rows.push(result);
        report.counts[result.action]++;
        options.onProgress?.(++done);
      }
      if (options.apply) {
        await this.audit.record(
          options.actor,
          'import.apply',
          options.source ?? null,
          { counts: report.counts, rows: rows.length },
          runner.manager,
        );
        await runner.commitTransaction();
      } else await runner.rollbackTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    return report;
  }

  private async importRow(tx: EntityManager, row: ParsedRow, seen: Set<string>, actor: Actor): Promise<ImportRowReport> {
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
    const target = publicationState as PublicationState;

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
      if (changedFields.length === 0 && existing.publicationState === target) return { row: row.row, slug: dto.slug, action: 'unchanged' };
    }

    await tx.query('SAVEPOINT import_row');
    try {
      let saved = existing
        ? changedFields.length
          ? await this.programmes.update(existing.id, exactVersion(existing.version), dto, actor, tx)
          : mapProgramme((await this.repository.findLiveById(existing.id, tx))!)
        : await this.programmes.create(dto, actor, tx, target);
      for (const step of ROUTES[saved.publicationState][target])
        saved = await this.programmes.transition(saved.id, exactVersion(saved.version), step, actor, tx);
      await tx.query('RELEASE SAVEPOINT import_row');
      const stateChanged = existing && existing.publicationState !== target ? ['publicationState'] : [];
      return existing
        ? { row: row.row, slug: dto.slug, action: 'update', changedFields: [...changedFields, ...stateChanged] }
        : { row: row.row, slug: dto.slug, action: 'create' };
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
