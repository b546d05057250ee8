import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { DomainError, exactVersion, type FieldProblem, validationFailed } from '@app/common';
import { AuditService } from '@app/identity';
import {
  Actor,
  ownChange,
  pendingChangeConflicts,
  pendingChangeNotFound,
  pendingChangeOpen,
  pendingTag,
  pendingVersionConflict,
  programmeNotFound,
  programmeVersionConflict,
  reviewRequired,
} from '../catalogue.errors';
import { toProgrammeInput, toRecord } from '../transfer/programme-record';
import type { UpdateProgrammeDto } from './dto/programme-input.dto';
import type { ProgrammeView } from './dto/programme-view.dto';
import { getPath } from './programme-fields';
import { mapProgramme } from './programme.mapper';
import type { Programme } from './programme.entity';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammeRevision } from './programme-revision.entity';
import { readSnapshot, snapshotView } from './programme-snapshot';
import { ProgrammesService } from './programmes.service';
import { ProgrammePendingChange, ProgrammePendingRevision } from './pending-change.entity';
import {
  changedFields,
  editable,
  FIELDS,
  mergeRecords,
  type EditableRecord,
  type FieldDef,
  type MergeOutcome,
  type Side,
} from './record-fields';
import { localisedPairs, staleEnglish, type StaleEnglish } from './stale-english';

/**
 * Which state of a programme a change was made from: the entry's own version (`"7"`), its open
 * pending change's save (`"p3"`), or whatever is current (`*`).
 */
export type WorkingVersion = { kind: 'live' | 'pending'; version: number } | { kind: 'any' };

/** A version as an ETag's text (`7`, `p3`, `*`). */
export const workingTag = (v: WorkingVersion): string =>
  v.kind === 'any' ? '*' : v.kind === 'pending' ? pendingTag(v.version) : String(v.version);

/** A version as a form or ETag sends it (`7`, `p3`, `"p3"`), or null when it is none. */
export function parseWorkingTag(text: string): WorkingVersion | null {
  const m = /^\s*(?:W\/)?"?(p?)(\d{1,9})"?\s*$/.exec(text);
  if (!m || Number(m[2]) < 1) return null;
  return { kind: m[1] ? 'pending' : 'live', version: Number(m[2]) };
}

/**
 * The If-Match of a change to a programme: the ETag last read, of the entry (`"7"`) or of its
 * pending change (`"p3"`), or `*`. Missing → 428; anything else → 412.
 */
export function parseWorkingIfMatch(header: string | undefined): WorkingVersion {
  if (header === undefined || header.trim() === '') {
    throw new DomainError(
      'precondition_required',
      'PRECONDITION_REQUIRED',
      'This change needs an If-Match header with the ETag you last read',
    );
  }
  const value = header.trim();
  if (value === '*') return { kind: 'any' };
  // compared strongly (RFC 9110 §13.1.1), as every If-Match here: one ETag exactly as this service
  // writes it; a weak W/"3", "03", "0" or a list can match no current version (412, nothing changes)
  const m = /^"(p?)([1-9]\d{0,8})"$/.exec(value);
  if (!m) {
    throw new DomainError(
      'precondition_failed',
      'PRECONDITION_FAILED',
      'If-Match matches no current version: send * or the exact ETag you last read (strong, such as "3" or "p2"; W/"3" or "03" never match)',
      { ifMatch: value.slice(0, 100) },
    );
  }
  return { kind: m[1] ? 'pending' : 'live', version: Number(m[2]) };
}

export interface PendingChangeActor {
  id: string | null;
  label: string;
}

export interface PendingFieldChange {
  /** A dotted path of the record (`title.ru`, `keyFacts`, …). */
  field: string;
  label: string;
  published: unknown;
  pending: unknown;
}

export interface PendingChangeView {
  id: string;
  programmeId: string;
  /** The entry's slug and title as published now. */
  slug: string;
  title: string;
  state: 'open' | 'published' | 'discarded';
  /** Its latest save; its ETag is `"p<version>"` (`etag` without the quotes). */
  version: number;
  etag: string;
  /** The entry's version it was made from, and the entry's version now. */
  baseVersion: number;
  publishedVersion: number;
  publicationState: string;
  /** The entry changed since it was made (in fields an editor changes): publishing merges those changes in. */
  outdated: boolean;
  /** Fields changed both here and in the entry since: a version of each must be chosen before publishing. */
  conflicts: string[];
  /** What publishing would change in the entry as it is now. */
  changes: PendingFieldChange[];
  /** English texts whose Russian this change (or an earlier save) changed without them. */
  staleEnglish: string[];
  createdBy: PendingChangeActor;
  authors: PendingChangeActor[];
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
  review: {
    /** PROGRAMME_REVIEW_REQUIRED: a second editor, none of its authors, must approve it. */
    required: boolean;
    approvedBy: PendingChangeActor | null;
    approvedAt: string | null;
    /** Whether the approval is of this very version (any later save needs a new one). */
    approved: boolean;
  };
  /** The entry as it would be published (what the preview shows); null when it no longer passes the checks (see problems). */
  programme: ProgrammeView | null;
  problems: FieldProblem[];
}

export interface PendingChangeSummary {
  id: string;
  programmeId: string;
  slug: string;
  title: string;
  version: number;
  etag: string;
  baseVersion: number;
  publishedVersion: number;
  outdated: boolean;
  authors: PendingChangeActor[];
  updatedBy: string;
  updatedAt: string;
  approved: boolean;
}

/** What an editor's save became: the entry itself (a draft), or a pending change of a published entry. */
export type EditOutcome = { kind: 'live'; programme: ProgrammeView } | { kind: 'pending'; change: PendingChangeView; created: boolean };

/** What saving an editor's whole record ended in: nothing to save, saved, or a newer save to merge with first (from `base`). */
export type RecordSave =
  { kind: 'unchanged' } | { kind: 'saved'; outcome: EditOutcome } | { kind: 'conflict'; base: WorkingVersion; mine: EditableRecord };

export interface EditOptions {
  englishChecked?: StaleEnglish[];
  /** Only the open pending change may be changed (its own route): the entry's version is a stale read there. */
  pendingOnly?: boolean;
  /** A shipped catalogue update being applied: recorded on the entry once this content is live. */
  catalogueHash?: string;
}

const LABELS = new Map(FIELDS.map((f) => [f.path, f.label]));
const labelOf = (path: string): string => LABELS.get(path) ?? path;
const sameActor = (a: PendingChangeActor, b: PendingChangeActor): boolean => (a.id ?? a.label) === (b.id ?? b.label);

/**
 * Changes of published programmes that are not live yet. An editor's save of a published
 * entry (the admin form, PATCH, a restore, a shipped update applied) lands in the entry's one
 * open pending change; the entry, and so the public page, the API, search and the change feed,
 * stay as published until someone publishes the change, which saves it to the entry through
 * the same checks as any save, merged three ways with whatever was saved to the entry
 * meanwhile. With PROGRAMME_REVIEW_REQUIRED, whoever publishes or approves it must not be
 * one of its authors. A draft's or an archived entry's saves go to the entry directly.
 */
@Injectable()
export class PendingChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly rows: ProgrammeRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  get reviewRequired(): boolean {
    return this.config.catalogue.reviewRequired;
  }

  /** The editor's save: a draft changes at once; a published entry gets (or adds to) its pending change. */
  edit(id: string, expected: WorkingVersion, input: UpdateProgrammeDto, actor: Actor, options: EditOptions = {}, outer?: EntityManager) {
    return this.inTransaction(outer, async (tx): Promise<EditOutcome> => {
      const { live, open } = await this.lock(tx, id);
      if (options.pendingOnly) this.expectOpen(expected, open);
      const target = this.target(expected, live, open);
      if (target === 'live' && live.publicationState !== 'published') {
        const programme = await this.programmes.update(id, exactVersion(live.version), input, actor, tx, {
          englishChecked: options.englishChecked,
        });
        if (options.catalogueHash) await this.rows.setCatalogueHash(tx, id, options.catalogueHash);
        return { kind: 'live', programme };
      }
      const liveRecord = recordOf(mapProgramme(live));
      const working = open?.content ?? liveRecord;
      const inputs = open ? [await inputOf(open.content, await this.namesHeldParent(tx, live, open.content.parent)), input] : [input];
      const content = editable(toRecord(await this.programmes.previewUpdate(tx, live, inputs)));
      const checked = [...(open?.englishChecked ?? []), ...(options.englishChecked ?? [])];
      if (!open && !changedFields(liveRecord, content).length) {
        // a change that would change nothing in the entry is no pending change
        if (options.catalogueHash) await this.rows.setCatalogueHash(tx, id, options.catalogueHash);
        if (options.englishChecked?.length)
          await this.rows.writeStaleEnglish(tx, id, staleEnglish(liveRecord, liveRecord, live.staleEnglish ?? [], options.englishChecked));
        return { kind: 'live', programme: mapProgramme(live) };
      }
      if (open && !changedFields(working, content).length && !options.englishChecked?.length && !options.catalogueHash)
        return { kind: 'pending', change: await this.view(tx, live, open), created: false };
      const saved = await this.write(tx, live, open, content, actor, { englishChecked: checked, catalogueHash: options.catalogueHash });
      return { kind: 'pending', change: await this.view(tx, live, saved), created: !open };
    });
  }

  /**
   * An editor's whole record (the admin edit form), drawn at version `base`: the fields they changed are
   * saved as an edit (a published entry's pending change), the others keep their stored value exactly (to
   * the millisecond, in their order). `checked`: paths of texts whose English they confirmed still fits
   * the changed Russian. A newer save since `base` is a conflict to merge, never an overwrite; a record
   * that does not validate is the API's `VALIDATION_FAILED`.
   */
  async saveRecord(id: string, base: WorkingVersion, record: EditableRecord, checked: string[], actor: Actor): Promise<RecordSave> {
    const current = await this.workingVersion(id);
    if (workingTag(current) !== workingTag(base)) return { kind: 'conflict', base, mine: record };
    const stored = await this.content(id, current);
    if (changedFields(stored, record).length === 0 && !checked.length) return { kind: 'unchanged' };
    const pairs = localisedPairs(record);
    const englishChecked = checked.flatMap((path): StaleEnglish[] => {
      const pair = pairs.get(path);
      return pair?.en ? [{ path, ru: pair.ru, en: pair.en }] : [];
    });
    const merged = mergeRecords(stored, record, stored).merged;
    const input = await inputOf(merged, merged.parent === stored.parent);
    try {
      return { kind: 'saved', outcome: await this.edit(id, current, input, actor, { englishChecked }) };
    } catch (error) {
      // someone saved (or opened a pending change) between reading and writing: merge with theirs
      if (error instanceof DomainError && (error.kind === 'precondition_failed' || error.code === 'PENDING_CHANGE.OPEN'))
        return { kind: 'conflict', base: current, mine: record };
      throw error;
    }
  }

  /**
   * The conflict page's answer: the editor's record `mine` (drawn at `base`) merged with the newer save
   * `theirs` by the editor's choice per conflicting field, ready for `saveRecord` at `theirs`. A conflict
   * left without a choice is `unresolved`; a save newer than `theirs` is another conflict, merged from `theirs`.
   */
  async resolveMerge(
    id: string,
    base: WorkingVersion,
    theirs: WorkingVersion,
    mine: EditableRecord,
    choices: Record<string, Side>,
  ): Promise<
    | { kind: 'unresolved'; fields: FieldDef[] }
    | { kind: 'conflict'; base: WorkingVersion; mine: EditableRecord }
    | { kind: 'merged'; version: WorkingVersion; record: EditableRecord }
  > {
    const [{ outcome }, current] = await Promise.all([this.mergeWith(id, base, mine, choices, theirs), this.workingVersion(id)]);
    const unresolved = outcome.conflicts.filter((f) => !choices[f.path]);
    if (unresolved.length) return { kind: 'unresolved', fields: unresolved };
    if (workingTag(current) !== workingTag(theirs)) return { kind: 'conflict', base: theirs, mine: outcome.merged };
    return { kind: 'merged', version: current, record: outcome.merged };
  }

  /**
   * What merging an editor's record drawn at `base` with a newer save (`theirs`, else the current working
   * version) gives: the fields only one side changed merge by themselves, those both changed take `choices`.
   */
  async mergeWith(
    id: string,
    base: WorkingVersion,
    mine: EditableRecord,
    choices: Record<string, Side> = {},
    theirs?: WorkingVersion,
  ): Promise<{ theirsVersion: WorkingVersion; theirs: EditableRecord; outcome: MergeOutcome }> {
    const theirsVersion = theirs ?? (await this.workingVersion(id));
    const [theirsContent, baseContent] = await Promise.all([this.content(id, theirsVersion), this.content(id, base)]);
    return { theirsVersion, theirs: theirsContent, outcome: mergeRecords(baseContent, mine, theirsContent, choices) };
  }

  /** The open pending change of a programme, or null. */
  async find(id: string): Promise<PendingChangeView | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const live = await this.rows.findLiveById(id, tx);
      if (!live) throw programmeNotFound(id);
      const open = await this.findOpen(tx, id);
      return open ? this.view(tx, live, open) : null;
    });
  }

  async get(id: string): Promise<PendingChangeView> {
    const found = await this.find(id);
    if (!found) throw pendingChangeNotFound();
    return found;
  }

  /** Open pending changes, the most recently saved first. */
  async list(page: { page: number; perPage: number }, programmeId?: string): Promise<{ items: PendingChangeSummary[]; total: number }> {
    const where = (n: number) => `c.state = 'open' AND p.deleted_at IS NULL AND ($${n}::uuid IS NULL OR c.programme_id = $${n}::uuid)`;
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM programme_pending_change c JOIN programme p ON p.id = c.programme_id
        WHERE ${where(1)}`,
      [programmeId ?? null],
    );
    const rows: (ProgrammePendingChange & { slug: string; titleRu: string; liveVersion: number })[] = await this.dataSource.query(
      `SELECT c.id, c.programme_id AS "programmeId", c.version, c.base_version AS "baseVersion", c.authors,
              c.updated_by_label AS "updatedByLabel", c.updated_at AS "updatedAt", c.approved_version AS "approvedVersion",
              p.slug, p.title_ru AS "titleRu", p.version AS "liveVersion"
         FROM programme_pending_change c JOIN programme p ON p.id = c.programme_id
        WHERE ${where(3)}
        ORDER BY c.updated_at DESC, c.id
        LIMIT $1 OFFSET $2`,
      [page.perPage, (page.page - 1) * page.perPage, programmeId ?? null],
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        programmeId: r.programmeId,
        slug: r.slug,
        title: r.titleRu,
        version: r.version,
        etag: pendingTag(r.version),
        baseVersion: r.baseVersion,
        publishedVersion: r.liveVersion,
        outdated: r.baseVersion !== r.liveVersion,
        authors: r.authors,
        updatedBy: r.updatedByLabel,
        updatedAt: new Date(r.updatedAt).toISOString(),
        approved: r.approvedVersion === r.version,
      })),
    };
  }

  /** A programme's open pending change in brief (no preview), or null: for the edit form's banner. */
  async summary(id: string): Promise<PendingChangeSummary | null> {
    const { items } = await this.list({ page: 1, perPage: 1 }, id);
    return items[0] ?? null;
  }

  /** English possibly out of date in what an editor edits now (the pending change's content, else the entry). */
  async workingStaleEnglish(id: string): Promise<StaleEnglish[]> {
    const { live, open } = await this.current(id);
    if (!open) return live.staleEnglish ?? [];
    return staleEnglish(recordOf(mapProgramme(live)), open.content, live.staleEnglish ?? [], open.englishChecked);
  }

  /** The content an editor saw at a version (the base of a three-way merge): the entry's revision, or a pending change's save. */
  async content(id: string, version: WorkingVersion): Promise<EditableRecord> {
    if (version.kind === 'live') return this.revisionContent(this.dataSource.manager, id, version.version);
    if (version.kind === 'pending') {
      const row = await this.dataSource.getRepository(ProgrammePendingRevision).findOneBy({ programmeId: id, version: version.version });
      if (!row)
        throw new DomainError('not_found', 'PROGRAMME.REVISION_NOT_FOUND', `No version ${pendingTag(version.version)} of this programme`);
      return row.content;
    }
    return this.working(id);
  }

  /** What an editor edits now: a published entry's open pending change, else the entry itself (a draft is edited directly). */
  async working(id: string): Promise<EditableRecord> {
    const { live, open } = await this.current(id);
    return open ? open.content : recordOf(mapProgramme(live));
  }

  /** The version an editor edits now (see working). */
  async workingVersion(id: string): Promise<WorkingVersion> {
    const { live, open } = await this.current(id);
    return open ? { kind: 'pending', version: open.version } : { kind: 'live', version: live.version };
  }

  /** The entry, and its open pending change if the entry is published (what its saves go to). */
  private async current(id: string): Promise<{ live: Programme; open: ProgrammePendingChange | null }> {
    const live = await this.rows.findLiveById(id);
    if (!live) throw programmeNotFound(id);
    const open = live.publicationState === 'published' ? await this.findOpen(this.dataSource.manager, id) : null;
    return { live, open };
  }

  /** Records that a second editor has checked this version; its authors cannot. */
  approve(id: string, expected: WorkingVersion, actor: Actor): Promise<PendingChangeView> {
    return this.dataSource.transaction(async (tx) => {
      const { live, open } = await this.lock(tx, id);
      const change = this.expectOpen(expected, open);
      if (change.authors.some((a) => sameActor(a, actor))) throw ownChange();
      await tx.getRepository(ProgrammePendingChange).update(change.id, {
        approvedBy: actor.id,
        approvedByLabel: actor.label,
        approvedVersion: change.version,
        approvedAt: new Date(),
      });
      await this.audit.record(actor, 'programme.approve_change', `programme:${live.slug}`, { change: pendingTag(change.version) }, tx);
      return this.view(tx, live, (await this.findOpen(tx, id))!);
    });
  }

  /**
   * Saves the pending change to the entry (a normal save, version-checked, with a revision):
   * merged with what was saved to the entry since it was made; refused while both changed the
   * same field (409: rebase first) and, with review required, when an author publishes a
   * change nobody else approved (403).
   */
  publish(id: string, expected: WorkingVersion, actor: Actor): Promise<ProgrammeView> {
    return this.dataSource.transaction(async (tx) => {
      const { live, open } = await this.lock(tx, id);
      const change = this.expectOpen(expected, open);
      const approved = change.approvedVersion === change.version;
      const author = change.authors.some((a) => sameActor(a, actor));
      if (this.reviewRequired && !approved && author) throw reviewRequired();
      const { merged, conflicts } = await this.merge(tx, live, change);
      if (conflicts.length) throw pendingChangeConflicts(conflicts.map((path) => ({ path, label: labelOf(path) })));
      const saved = await this.programmes.update(
        id,
        exactVersion(live.version),
        await inputOf(merged, merged.parent === (live.parent?.slug ?? null)),
        actor,
        tx,
        {
          englishChecked: change.englishChecked,
        },
      );
      if (change.catalogueHash) await this.rows.setCatalogueHash(tx, id, change.catalogueHash);
      const approver = approved ? { id: change.approvedBy, label: change.approvedByLabel! } : author ? null : actor;
      await tx.getRepository(ProgrammePendingChange).update(change.id, {
        state: 'published',
        resolvedByLabel: actor.label,
        resolvedAt: new Date(),
        publishedVersion: saved.version,
        ...(approver && !approved
          ? { approvedBy: approver.id, approvedByLabel: approver.label, approvedVersion: change.version, approvedAt: new Date() }
          : {}),
      });
      await this.audit.record(
        actor,
        'programme.publish_change',
        `programme:${saved.slug}`,
        {
          change: pendingTag(change.version),
          version: saved.version,
          authors: change.authors.map((a) => a.label),
          approvedBy: approver?.label ?? null,
        },
        tx,
      );
      return saved;
    });
  }

  /** Drops the pending change; the entry stays as published. Its saves stay in the database. */
  discard(id: string, expected: WorkingVersion, actor: Actor): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const { live, open } = await this.lock(tx, id);
      const change = this.expectOpen(expected, open);
      await tx
        .getRepository(ProgrammePendingChange)
        .update(change.id, { state: 'discarded', resolvedByLabel: actor.label, resolvedAt: new Date() });
      await this.audit.record(actor, 'programme.discard_change', `programme:${live.slug}`, { change: pendingTag(change.version) }, tx);
    });
  }

  /**
   * Brings an outdated pending change up to the entry as it is now: fields only the entry
   * changed are taken in, fields both changed take the side chosen (`pending` or `published`),
   * and its base becomes the entry's current version. A 400 names any conflict left unchosen.
   */
  rebase(id: string, expected: WorkingVersion, choices: Record<string, 'pending' | 'published'>, actor: Actor): Promise<PendingChangeView> {
    return this.dataSource.transaction(async (tx) => {
      const { live, open } = await this.lock(tx, id);
      const change = this.expectOpen(expected, open);
      const sides = Object.fromEntries(
        Object.entries(choices).map(([path, side]): [string, Side] => [path, side === 'pending' ? 'mine' : 'theirs']),
      );
      const { merged, conflicts } = await this.merge(tx, live, change, sides);
      const unchosen = conflicts.filter((path) => !sides[path]);
      if (unchosen.length)
        throw validationFailed(unchosen.map((path) => ({ field: `choices.${path}`, messages: ['choose "pending" or "published"'] })));
      const content = editable(
        toRecord(await this.programmes.previewUpdate(tx, live, [await inputOf(merged, merged.parent === (live.parent?.slug ?? null))])),
      );
      const saved = await this.write(tx, live, change, content, actor, { englishChecked: change.englishChecked, rebase: true });
      return this.view(tx, live, saved);
    });
  }

  // ---- inside ----

  private async inTransaction<T>(outer: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  /** The entry and its open pending change, locked for this transaction (the entry's row orders every change of it). */
  private async lock(tx: EntityManager, id: string): Promise<{ live: Programme; open: ProgrammePendingChange | null }> {
    const live = await this.rows.findLiveById(id, tx, true);
    if (!live) throw programmeNotFound(id);
    return { live, open: await this.findOpen(tx, id) };
  }

  /** The entry's content at one of its versions (its revision's snapshot). */
  private async revisionContent(tx: EntityManager, id: string, version: number): Promise<EditableRecord> {
    const revision = await tx.getRepository(ProgrammeRevision).findOneBy({ programmeId: id, version });
    if (!revision) throw new DomainError('not_found', 'PROGRAMME.REVISION_NOT_FOUND', `No version ${version} of this programme`);
    return recordOf(snapshotView(readSnapshot(revision.snapshot)));
  }

  /**
   * Whether `slug` names the parent the entry holds: by its slug now, or by one it had before a rename, also
   * when that parent was deleted since (the entry's view then shows none). A pending change keeps the slug
   * its parent had when the change was saved.
   */
  private async namesHeldParent(tx: EntityManager, live: Programme, slug: string | null): Promise<boolean> {
    if (slug === (live.parent?.slug ?? null)) return true;
    return slug !== null && live.parentId !== null && (await this.rows.hasHadSlug(tx, live.parentId, slug));
  }

  private findOpen(tx: EntityManager, id: string): Promise<ProgrammePendingChange | null> {
    return tx.getRepository(ProgrammePendingChange).findOneBy({ programmeId: id, state: 'open' });
  }

  /** Where a save from `expected` goes: the entry, or its open pending change (412 / 409 when what the editor read is not current). */
  private target(expected: WorkingVersion, live: Programme, open: ProgrammePendingChange | null): 'live' | 'pending' {
    if (expected.kind === 'any') return open && live.publicationState === 'published' ? 'pending' : 'live';
    if (expected.kind === 'pending') {
      this.expectOpen(expected, open);
      return 'pending';
    }
    if (live.version !== expected.version) throw programmeVersionConflict(expected.version, live.version);
    if (open && live.publicationState === 'published') throw pendingChangeOpen(open.version);
    return 'live';
  }

  private expectOpen(expected: WorkingVersion, open: ProgrammePendingChange | null): ProgrammePendingChange {
    const tag = workingTag(expected);
    if (!open) {
      if (expected.kind === 'any') throw pendingChangeNotFound();
      throw pendingVersionConflict(tag, null);
    }
    if (expected.kind === 'live') throw pendingVersionConflict(tag, pendingTag(open.version));
    if (expected.kind === 'pending' && expected.version !== open.version) throw pendingVersionConflict(tag, pendingTag(open.version));
    return open;
  }

  /** The pending change laid over the entry as it is now: from the version it was made on, three ways; conflicts keep its own values unless `sides` says otherwise. */
  private async merge(
    tx: EntityManager,
    live: Programme,
    change: ProgrammePendingChange,
    sides: Record<string, Side> = {},
  ): Promise<{ merged: EditableRecord; conflicts: string[] }> {
    const liveRecord = recordOf(mapProgramme(live));
    const base = change.baseVersion === live.version ? liveRecord : await this.revisionContent(tx, live.id, change.baseVersion);
    const first = mergeRecords(base, change.content, liveRecord, sides);
    const conflicts = first.conflicts.map((f) => f.path);
    const keepMine = Object.fromEntries(conflicts.map((path): [string, Side] => [path, sides[path] ?? 'mine']));
    return { merged: mergeRecords(base, change.content, liveRecord, keepMine).merged, conflicts };
  }

  private async write(
    tx: EntityManager,
    live: Programme,
    open: ProgrammePendingChange | null,
    content: EditableRecord,
    actor: Actor,
    options: { englishChecked: StaleEnglish[]; catalogueHash?: string; rebase?: boolean },
  ): Promise<ProgrammePendingChange> {
    const repo = tx.getRepository(ProgrammePendingChange);
    const [{ last }]: { last: number }[] = await tx.query(
      `SELECT coalesce(max(version), 0)::int AS last FROM programme_pending_revision WHERE programme_id = $1`,
      [live.id],
    );
    const version = last + 1;
    const now = new Date();
    const who = { id: actor.id, label: actor.label };
    const authors = open ? (open.authors.some((a) => sameActor(a, who)) ? open.authors : [...open.authors, who]) : [who];
    const fields = {
      version,
      content,
      englishChecked: options.englishChecked,
      authors,
      updatedByLabel: actor.label,
      updatedAt: now,
      // what was approved is not this
      approvedBy: null,
      approvedByLabel: null,
      approvedVersion: null,
      approvedAt: null,
      ...(options.catalogueHash ? { catalogueHash: options.catalogueHash } : {}),
      ...(options.rebase ? { baseVersion: live.version } : {}),
    };
    let saved: ProgrammePendingChange;
    if (open) {
      await repo.update(open.id, fields);
      saved = Object.assign(open, fields);
    } else {
      saved = await repo.save(
        repo.create({
          ...fields,
          programmeId: live.id,
          state: 'open',
          baseVersion: live.version,
          catalogueHash: options.catalogueHash ?? null,
          createdBy: actor.id,
          createdByLabel: actor.label,
        }),
      );
    }
    await tx.getRepository(ProgrammePendingRevision).insert({
      programmeId: live.id,
      version,
      changeId: saved.id,
      baseVersion: saved.baseVersion,
      content,
      actorId: actor.id,
      actorLabel: actor.label,
    });
    return saved;
  }

  private async view(tx: EntityManager, live: Programme, change: ProgrammePendingChange): Promise<PendingChangeView> {
    const liveView = mapProgramme(live);
    const liveRecord = recordOf(liveView);
    const { merged, conflicts } = await this.merge(tx, live, change);
    let programme: ProgrammeView | null = null;
    let problems: FieldProblem[] = [];
    try {
      // the checks throw before any statement could fail: the transaction stays usable
      programme = await this.programmes.previewUpdate(tx, live, [await inputOf(merged, merged.parent === liveRecord.parent)]);
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
      problems = Array.isArray(error.details) ? (error.details as FieldProblem[]) : [{ field: 'record', messages: [error.message] }];
    }
    const result = programme ? recordOf(programme) : merged;
    const base = change.baseVersion === live.version ? liveRecord : await this.revisionContent(tx, live.id, change.baseVersion);
    return {
      id: change.id,
      programmeId: live.id,
      slug: liveView.slug,
      title: liveView.title.ru,
      state: change.state,
      version: change.version,
      etag: pendingTag(change.version),
      baseVersion: change.baseVersion,
      publishedVersion: live.version,
      publicationState: live.publicationState,
      outdated: changedFields(base, liveRecord).length > 0,
      conflicts,
      changes: changedFields(liveRecord, result).map((f) => ({
        field: f.path,
        label: f.label,
        published: getPath(liveRecord, f.path) ?? null,
        pending: getPath(result, f.path) ?? null,
      })),
      staleEnglish: staleEnglish(liveRecord, result, live.staleEnglish ?? [], change.englishChecked).map((m) => m.path),
      createdBy: { id: change.createdBy, label: change.createdByLabel },
      authors: change.authors,
      updatedBy: change.updatedByLabel,
      createdAt: change.createdAt.toISOString(),
      updatedAt: new Date(change.updatedAt).toISOString(),
      review: {
        required: this.reviewRequired,
        approvedBy: change.approvedByLabel ? { id: change.approvedBy, label: change.approvedByLabel } : null,
        approvedAt: change.approvedAt ? new Date(change.approvedAt).toISOString() : null,
        approved: change.approvedVersion === change.version,
      },
      programme,
      problems,
    };
  }
}

const recordOf = (view: ProgrammeView): EditableRecord => editable(toRecord(view));

/**
 * `record` as a save of an entry, naming its parent only when `sameParent` is false. A parent is stored as a
 * reference, which holds when the parent is renamed or deleted meanwhile; naming it again would look it up
 * by slug and refuse a change that never touched it. A stored content that no longer validates is a 400
 * naming its fields.
 */
async function inputOf(record: EditableRecord, sameParent: boolean): Promise<UpdateProgrammeDto> {
  const { dto, problems } = await toProgrammeInput(record as unknown as Record<string, unknown>);
  if (problems.length) throw validationFailed(problems);
  if (sameParent) delete dto.parent;
  return dto;
}
