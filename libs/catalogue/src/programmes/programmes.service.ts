import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertVersion, Clock, DomainError, type ExpectedVersion, FieldProblem, offsetOf, validationFailed } from '@app/common';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database';
import { AuditService } from '@app/identity';
import { Actor, programmeInvalidTransition, programmeNotFound, programmeSlugTaken, programmeVersionConflict } from '../catalogue.errors';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { CRITERIA_FACETS, FACETS, type Facet } from '../taxonomy/facets';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { servedTerritories } from '../taxonomy/territories';
import type { CreateProgrammeDto, UpdateProgrammeDto } from './dto/programme-input.dto';
import type { ProgrammeView, RevisionView } from './dto/programme-view.dto';
import type { PublicationState } from './programme-status';
import type { RevisionAction } from './programme-revision.entity';
import { Programme } from './programme.entity';
import type { Organisation } from '../organisations/organisation.entity';
import {
  applyProgrammeInput,
  availabilityFromDates,
  changedPaths,
  deriveProgramme,
  emptyColumns,
  mapProgramme,
  mapRevision,
  ruleInput,
} from './programme.mapper';
import { publishProblems } from './publish-rules';
import { isOfficialApplyUrl } from './official-sites';
import { publicParentOf, toSnapshot } from './programme-snapshot';
import { DependentRevisions } from './dependent-revisions';
import { AdminProgrammeFilter, ProgrammeRepository } from './programme.repository';
import { staleEnglish, type StaleEnglish } from './stale-english';
import { toRecord } from '../transfer/programme-record';

export interface PageRequest {
  page: number;
  perPage: number;
}

/** Publication moves an editor can make, from which states, to which state. */
export const TRANSITIONS: Record<
  'publish' | 'unpublish' | 'archive' | 'restore',
  { from: PublicationState[]; to: PublicationState; verb: string }
> = {
  publish: { from: ['draft'], to: 'published', verb: 'published' },
  unpublish: { from: ['published'], to: 'draft', verb: 'unpublished' },
  archive: { from: ['draft', 'published'], to: 'archived', verb: 'archived' },
  restore: { from: ['archived'], to: 'draft', verb: 'restored' },
};
export type ProgrammeTransition = keyof typeof TRANSITIONS;

/** The moves a programme in `state` can make. */
export const transitionsFrom = (state: PublicationState): ProgrammeTransition[] =>
  (Object.keys(TRANSITIONS) as ProgrammeTransition[]).filter((t) => TRANSITIONS[t].from.includes(state));

/** Eligibility criteria that hold taxonomy codes, and the facet they come from. */
interface CodeReference {
  field: string;
  facet: Facet;
  codes: string[];
}

/**
 * Everything that reads or changes programmes. Each change runs in one
 * transaction that checks the editor's version, writes the row and appends a
 * revision with the full snapshot and the fields that changed.
 */
/** Lookups that cannot change within one transaction, remembered for its length (an import asks thousands of times). */
interface TransactionMemo {
  organisations: Map<string, Organisation | null>;
  /** `facet:code` → whether the taxonomy has it. */
  terms: Map<string, boolean>;
  territoryParents?: Promise<Map<string, string | null>>;
}

@Injectable()
export class ProgrammesService {
  private readonly memos = new WeakMap<EntityManager, TransactionMemo>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammeRepository,
    private readonly organisations: OrganisationRepository,
    private readonly taxonomy: TaxonomyRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly dependents: DependentRevisions,
  ) {}

  async getPublished(slug: string): Promise<ProgrammeView> {
    const p = await this.programmes.findPublishedBySlug(slug);
    if (!p) throw programmeNotFound(`"${slug}"`);
    return mapProgramme(p);
  }

  async listForAdmin(filter: AdminProgrammeFilter, page: PageRequest): Promise<{ items: ProgrammeView[]; total: number }> {
    const [items, total] = await this.programmes.listForAdmin(filter, { offset: offsetOf(page), limit: page.perPage });
    return { items: items.map(mapProgramme), total };
  }

  /** Which of these programmes have a pending change waiting to be published. */
  withOpenPendingChange(ids: string[]): Promise<Set<string>> {
    return this.programmes.withOpenPendingChange(ids);
  }

  async getForAdmin(id: string): Promise<ProgrammeView> {
    const p = await this.programmes.findLiveById(id);
    if (!p) throw programmeNotFound(id);
    return mapProgramme(p);
  }

  async listRevisions(id: string): Promise<RevisionView[]> {
    if (!(await this.programmes.findLiveById(id))) throw programmeNotFound(id);
    return (await this.programmes.listRevisions(id)).map((r) => mapRevision(r, true));
  }

  /**
   * A new programme, a draft unless `state` says otherwise (an import creates
   * published or archived entries in one step). `outer`: run inside the
   * caller's transaction (an import applies many rows in one).
   */
  create(input: CreateProgrammeDto, actor: Actor, outer?: EntityManager, state: PublicationState = 'draft'): Promise<ProgrammeView> {
    return this.inTransaction(outer, input.slug, async (tx) => {
      const now = this.clock.now();
      const draft: Partial<Programme> = {
        ...emptyColumns(),
        catalogueHash: null,
        publicationState: state,
        publishedAt: state === 'published' ? now : null,
        archivedAt: state === 'archived' ? now : null,
        version: 1,
        createdBy: actor.id,
        updatedBy: actor.id,
      };
      applyProgrammeInput(draft, input);
      const fromDates = availabilityFromDates(input);
      draft.availability = fromDates ?? draft.availability;
      await this.resolveReferences(tx, draft, input, null);
      draft.territoriesServed = await this.servedTerritories(tx, draft.territories ?? []);
      deriveProgramme(draft, now);
      await this.checkConsistency(tx, draft, !!fromDates);
      if (state === 'published') assertPublishable(draft);
      const id = await this.programmes.insert(tx, draft);
      return this.recordRevision(tx, id, 'create', actor, null);
    });
  }

  /**
   * Saves a change to the entry itself (an editor's change of a published entry goes through
   * PendingChangesService instead, which calls this when it is published). `englishChecked`:
   * English an editor confirmed still fits its changed Russian.
   */
  update(
    id: string,
    expected: ExpectedVersion,
    input: UpdateProgrammeDto,
    actor: Actor,
    outer?: EntityManager,
    options: { englishChecked?: StaleEnglish[] } = {},
  ): Promise<ProgrammeView> {
    return this.change(
      outer,
      id,
      expected,
      actor,
      'update',
      async (tx, current) => {
        const next = await this.prepare(tx, current, [input]);
        next.staleEnglish = staleEnglish(
          toRecord(mapProgramme(current)),
          toRecord(mapProgramme(Object.assign(new Programme(), next))),
          current.staleEnglish ?? [],
          options.englishChecked,
        );
        return next;
      },
      input.slug,
    );
  }

  /**
   * What the entry would be with `inputs` applied in turn, through every check a save makes
   * (validation that needs the database, the publishing rules of a published entry, a free
   * slug), without saving anything: a pending change's content and its preview.
   */
  async previewUpdate(tx: EntityManager, current: Programme, inputs: UpdateProgrammeDto[]): Promise<ProgrammeView> {
    const next = await this.prepare(tx, current, inputs);
    if (next.slug !== current.slug) {
      const other = await this.programmes.findLiveBySlug(next.slug!, tx);
      if (other && other.id !== current.id) throw programmeSlugTaken(next.slug);
    }
    return mapProgramme(Object.assign(new Programme(), next));
  }

  /** The entry with `inputs` applied and everything derived from them recomputed, checked as a save checks it. */
  private async prepare(tx: EntityManager, current: Programme, inputs: UpdateProgrammeDto[]): Promise<Partial<Programme>> {
    const next: Partial<Programme> = { ...current };
    let fromDates = false;
    for (const input of inputs) {
      const before = { ...next };
      applyProgrammeInput(next, input);
      const round = availabilityFromDates(input, before);
      next.availability = round ?? next.availability;
      fromDates ||= !!round;
      await this.resolveReferences(tx, next, input, current.id);
    }
    next.territoriesServed = await this.servedTerritories(tx, next.territories ?? []);
    deriveProgramme(next, this.clock.now(), current);
    await this.checkConsistency(tx, next, fromDates);
    if (next.publicationState === 'published') assertPublishable(next);
    return next;
  }

  /** English texts possibly out of date on the entry (see stale-english.ts). */
  async staleEnglishOf(id: string): Promise<StaleEnglish[]> {
    return (await this.programmes.findLiveById(id))?.staleEnglish ?? [];
  }

  transition(
    id: string,
    expected: ExpectedVersion,
    action: ProgrammeTransition,
    actor: Actor,
    outer?: EntityManager,
  ): Promise<ProgrammeView> {
    const rule = TRANSITIONS[action];
    return this.change(outer, id, expected, actor, action, async (tx, current) => {
      if (!rule.from.includes(current.publicationState)) throw programmeInvalidTransition(current.publicationState, rule.verb);
      if (rule.to === 'published') assertPublishable(current);
      await this.audit.record(actor, `programme.${action}`, `programme:${current.slug}`, { version: current.version + 1 }, tx);
      const now = this.clock.now();
      return {
        publicationState: rule.to,
        publishedAt: rule.to === 'published' ? now : current.publishedAt,
        archivedAt: rule.to === 'archived' ? now : null,
      };
    });
  }

  /** Soft delete: the row and its history stay, the slug becomes free. */
  async remove(id: string, expected: ExpectedVersion, actor: Actor): Promise<void> {
    await this.change(undefined, id, expected, actor, 'delete', async (tx, current) => {
      await this.audit.record(actor, 'programme.delete', `programme:${current.slug}`, { version: current.version }, tx);
      // a change prepared for it can never go live now
      await this.programmes.closePendingChanges(tx, id, actor.label);
      return { deletedAt: this.clock.now() };
    });
  }

  private async change(
    outer: EntityManager | undefined,
    id: string,
    expected: ExpectedVersion,
    actor: Actor,
    action: RevisionAction,
    compute: (tx: EntityManager, current: Programme) => Promise<Partial<Programme>>,
    slug?: string,
  ): Promise<ProgrammeView> {
    return this.inTransaction(outer, slug, async (tx) => {
      const current = await this.programmes.findLiveById(id, tx, true);
      if (!current) throw programmeNotFound(id);
      assertVersion(expected, current.version, programmeVersionConflict);
      const expectedVersion = current.version;
      const changes = await compute(tx, current);
      const before = mapProgramme(current);
      // a save that changes nothing (an empty PATCH) is no new version and no event
      if (action === 'update' && !changedPaths(before, mapProgramme(Object.assign(new Programme(), current, changes))).length) {
        // English confirmed to fit is bookkeeping, not content
        if (changes.staleEnglish && JSON.stringify(changes.staleEnglish) !== JSON.stringify(current.staleEnglish))
          await this.programmes.writeStaleEnglish(tx, id, changes.staleEnglish);
        return before;
      }
      const written = await this.programmes.updateIfVersion(tx, id, expectedVersion, { ...changes, updatedBy: actor.id });
      if (!written) throw programmeVersionConflict(expectedVersion, current.version + 1);
      const after = await this.recordRevision(tx, id, action, actor, before);
      // children show their parent's slug (to the public, while the parent is published)
      if (after.slug !== before.slug || after.publicationState !== before.publicationState || action === 'delete')
        await this.dependents.refresh(tx, await this.programmes.idsByParent(tx, id), actor);
      return after;
    });
  }

  private async recordRevision(
    tx: EntityManager,
    id: string,
    action: RevisionAction,
    actor: Actor,
    before: ProgrammeView | null,
  ): Promise<ProgrammeView> {
    const saved = await this.programmes.findByIdIncludingDeleted(id, tx);
    const after = mapProgramme(saved);
    const changedFields = before ? changedPaths(before, after) : [];
    await this.programmes.enqueueSearchSync(tx, [id]);
    await this.programmes.appendRevision(tx, {
      programmeId: id,
      version: saved.version,
      action,
      actorId: actor.id,
      actorLabel: actor.label,
      changedFields,
      snapshot: toSnapshot(after, publicParentOf(saved)),
    });
    return after;
  }

  /** Provider and parent arrive as slugs; they become ids here. */
  private async resolveReferences(
    tx: EntityManager,
    target: Partial<Programme>,
    input: CreateProgrammeDto | UpdateProgrammeDto,
    selfId: string | null,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (input.provider !== undefined) {
      const memo = this.memo(tx).organisations;
      if (!memo.has(input.provider)) memo.set(input.provider, await this.organisations.findBySlug(input.provider, tx));
      const provider = memo.get(input.provider) ?? null;
      if (!provider) problems.push({ field: 'provider', messages: [`unknown organisation "${input.provider}"`] });
      else {
        target.providerId = provider.id;
        target.provider = provider;
      }
    }
    if (input.parent !== undefined) {
      if (input.parent === null) {
        target.parentId = null;
        target.parent = null;
      } else {
        const parent = await this.programmes.findLiveBySlug(input.parent, tx);
        if (!parent) problems.push({ field: 'parent', messages: [`unknown programme "${input.parent}"`] });
        else if (selfId !== null && (parent.id === selfId || parent.parentId === selfId)) {
          problems.push({ field: 'parent', messages: ['a programme cannot be its own parent or grandparent'] });
        } else {
          target.parentId = parent.id;
          target.parent = parent;
        }
      }
    }
    if (problems.length) throw validationFailed(problems);
  }

  /** Rules that span fields or need the database: known codes and ranges (a taken slug is caught by its unique index). */
  /** `fromDates`: the availability is the one round an API v1 client sent as `timing.opensAt` / `closesAt` (problems are named so). */
  private async checkConsistency(tx: EntityManager, p: Partial<Programme>, fromDates = false): Promise<void> {
    const criteria = p.eligibility ?? {};
    const references: CodeReference[] = [
      ...FACETS.map((f) => ({ field: f.field, facet: f.facet, codes: (p[f.field] as string[] | undefined) ?? [] })),
      ...CRITERIA_FACETS.map(({ key, facet }) => ({ field: `eligibility.criteria.${key}`, facet, codes: criteria[key] ?? [] })),
    ];
    const problems = await this.unknownCodeProblems(references, tx);
    if (p.amountMin != null && p.amountMax != null && p.amountMin > p.amountMax) {
      problems.push({ field: 'benefit.amountMin', messages: ['must not exceed benefit.amountMax'] });
    }
    problems.push(...sourceProblems(p, fromDates));
    const providerUrl = p.provider?.url ?? null;
    for (const [field, url] of [
      ['application.applyUrl', p.applyUrl],
      ['application.applyUrlEn', p.applyUrlEn],
    ] as const) {
      if (url && !isOfficialApplyUrl(url, providerUrl))
        problems.push({
          field,
          messages: [
            "must be on the provider's own site or an official portal (i.moscow, mos.ru, investmoscow.ru, gov.ru, …), never a news site",
          ],
        });
    }
    const c = criteria;
    if (c.companyAgeMinYears != null && c.companyAgeMaxYears != null && c.companyAgeMinYears > c.companyAgeMaxYears) {
      problems.push({ field: 'eligibility.criteria.companyAgeMinYears', messages: ['must not exceed companyAgeMaxYears'] });
    }
    if (c.headcountMin != null && c.headcountMax != null && c.headcountMin > c.headcountMax) {
      problems.push({ field: 'eligibility.criteria.headcountMin', messages: ['must not exceed headcountMax'] });
    }
    if (problems.length) throw validationFailed(problems);
  }

  /** One problem per field that names codes missing from the taxonomy; one query for the codes this transaction has not checked yet. */
  private async unknownCodeProblems(references: CodeReference[], tx: EntityManager): Promise<FieldProblem[]> {
    const known = this.memo(tx).terms;
    const key = (facet: string, code: string) => `${facet}:${code}`;
    const unchecked = references.flatMap((r) =>
      r.codes.filter((code) => !known.has(key(r.facet, code))).map((code) => ({ facet: r.facet, code })),
    );
    if (unchecked.length) {
      const unknown = new Set((await this.taxonomy.findUnknownTerms(unchecked, tx)).map((u) => key(u.facet, u.code)));
      for (const u of unchecked) known.set(key(u.facet, u.code), !unknown.has(key(u.facet, u.code)));
    }
    return references.flatMap((r) => {
      const missing = r.codes.filter((code) => known.get(key(r.facet, code)) === false);
      return missing.length ? [{ field: r.field, messages: missing.map((c) => `unknown ${r.facet} code "${c}"`) }] : [];
    });
  }

  private async servedTerritories(tx: EntityManager, codes: string[]): Promise<string[]> {
    const memo = this.memo(tx);
    memo.territoryParents ??= this.taxonomy.territoryParents(tx);
    return servedTerritories(codes, await memo.territoryParents);
  }

  private memo(tx: EntityManager): TransactionMemo {
    let memo = this.memos.get(tx);
    if (!memo) this.memos.set(tx, (memo = { organisations: new Map(), terms: new Map() }));
    return memo;
  }

  /** Runs `work` in a transaction; the live-slug unique index turns a taken slug (or a race for one) into a 409. */
  private async inTransaction<T>(
    outer: EntityManager | undefined,
    slug: string | undefined,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await (outer ? work(outer) : this.dataSource.transaction(work));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'programme_slug_live_key') {
        throw programmeSlugTaken(slug);
      }
      throw error;
    }
  }
}

/** Source keys are unique, and every key fact and every claim about availability cites one of the entry's own sources. */
function sourceProblems(p: Partial<Programme>, fromDates: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = (p.sources ?? []).map((s) => s.key);
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (repeated.length)
    problems.push({ field: 'curation.sources', messages: [...new Set(repeated)].map((k) => `source key "${k}" is used twice`) });
  const unknown = (field: string, key: string | null) => {
    if (key !== null && !keys.includes(key))
      problems.push({ field, messages: [`cites "${key}", which is not one of this entry's sources`] });
  };
  (p.keyFacts ?? []).forEach((f, i) => unknown(`keyFacts.${i}.source`, f.source));
  const a = p.availability;
  if (a) {
    unknown('timing.availability.source', a.source);
    a.rounds.forEach((r, i) => {
      unknown(`timing.availability.rounds.${i}.source`, r.source);
      if (!r.opensAt && !r.closesAt)
        problems.push({ field: `timing.availability.rounds.${i}`, messages: ['give the round at least one date'] });
      else if (r.opensAt && r.closesAt && r.opensAt > r.closesAt)
        problems.push(
          fromDates
            ? { field: 'timing.opensAt', messages: ['must not be after timing.closesAt'] }
            : { field: `timing.availability.rounds.${i}.opensAt`, messages: ['must not be after closesAt'] },
        );
    });
  }
  return problems;
}

/** A published entry can be acted on (publish-rules.ts): refused with each problem beside its field. */
function assertPublishable(p: Partial<Programme>): void {
  const problems = publishProblems(ruleInput(p));
  if (problems.length) throw validationFailed(problems);
}
