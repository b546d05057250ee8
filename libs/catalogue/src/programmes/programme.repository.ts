import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, IsNull, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { FACETS, FacetParam } from '../taxonomy/facets';
import type { ProgrammeStatus, PublicationState } from './programme-status';
import { ProgrammeRevision } from './programme-revision.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Programme } from './programme.entity';
import type { EligibilityCriteria, LocalisedText } from './programme.types';
import type { StaleEnglish } from './stale-english';

export interface ProgrammeFilter {
  q?: string;
  facets?: Partial<Record<FacetParam, string[]>>;
  provider?: string[];
  status?: ProgrammeStatus[];
}

export interface AdminProgrammeFilter extends ProgrammeFilter {
  publicationState?: PublicationState[];
  /**
   * Only programmes with a fact that holds now whose own source is dated (or was last checked)
   * before this day (`YYYY-MM-DD`) or is undated and unchecked; without facts, whose sources all are.
   * `today`: the Moscow day, which decides which facts are past terms.
   */
  factsOlderThan?: { day: string; today: string };
  /** Only programmes that break a publishing rule (publish-rules.ts). */
  breaksPublishingRules?: boolean;
  /** Only programmes with a shipped-catalogue update waiting for an editor. */
  pendingSuggestion?: boolean;
  /** Only programmes with a pending change waiting to be published. */
  pendingChange?: boolean;
}

/** What the matcher scores of a programme, with its titles (see listMatchConditions). */
export interface MatchConditionsRow {
  id: string;
  titleRu: string;
  titleEn: string | null;
  applicantTypes: string[];
  sizes: string[];
  industries: string[];
  objectives: string[];
  territories: string[];
  eligibility: EligibilityCriteria;
  checks: LocalisedText[];
}

/** What the matcher shows of a programme (see listMatchable). */
export interface MatchableRow {
  id: string;
  slug: string;
  titleRu: string;
  titleEn: string | null;
  status: string;
  closesAt: Date | null;
  applicantTypes: string[];
  sizes: string[];
  industries: string[];
  objectives: string[];
  territories: string[];
  eligibility: EligibilityCriteria;
  checks: LocalisedText[];
  providerRu: string;
  providerEn: string | null;
}

export interface Slice {
  offset: number;
  limit: number;
}

/** Escapes LIKE wildcards so user text matches literally. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@Injectable()
export class ProgrammeRepository {
  constructor(
    @InjectRepository(Programme) private readonly programmes: Repository<Programme>,
    @InjectRepository(ProgrammeRevision) private readonly revisions: Repository<ProgrammeRevision>,
  ) {}

  private withRelations(qb: SelectQueryBuilder<Programme>): SelectQueryBuilder<Programme> {
    return qb.leftJoinAndSelect('p.provider', 'provider').leftJoinAndSelect('p.parent', 'parent');
  }

  /** For what the public reads: the parent only while it is published (a draft parent is not shown). */
  private withPublicRelations(qb: SelectQueryBuilder<Programme>): SelectQueryBuilder<Programme> {
    return qb
      .leftJoinAndSelect('p.provider', 'provider')
      .leftJoinAndSelect('p.parent', 'parent', 'parent.publicationState = :publicParent AND parent.deletedAt IS NULL', {
        publicParent: 'published',
      });
  }

  findPublishedBySlug(slug: string): Promise<Programme | null> {
    return this.withPublicRelations(this.programmes.createQueryBuilder('p'))
      .where('p.slug = :slug AND p.publicationState = :state AND p.deletedAt IS NULL', { slug, state: 'published' })
      .getOne();
  }

  findLiveById(id: string, manager?: EntityManager, lock = false): Promise<Programme | null> {
    const repo = manager ? manager.getRepository(Programme) : this.programmes;
    const qb = this.withRelations(repo.createQueryBuilder('p')).where('p.id = :id AND p.deletedAt IS NULL', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['p']);
    return qb.getOne();
  }

  /** The row as saved, deleted or not (for the revision written in the same transaction). */
  findByIdIncludingDeleted(id: string, manager: EntityManager): Promise<Programme> {
    return this.withRelations(manager.getRepository(Programme).createQueryBuilder('p')).where('p.id = :id', { id }).getOneOrFail();
  }

  findLiveBySlug(slug: string, manager?: EntityManager): Promise<Programme | null> {
    const repo = manager ? manager.getRepository(Programme) : this.programmes;
    return repo.createQueryBuilder('p').where('p.slug = :slug AND p.deletedAt IS NULL', { slug }).getOne();
  }

  /** Who wrote a programme's latest revision (`system:seed` when nobody has changed the shipped entry since). */
  async lastRevisionActorLabel(programmeId: string, manager?: EntityManager): Promise<string | null> {
    const repo = manager ? manager.getRepository(ProgrammeRevision) : this.revisions;
    // a refresh (the provider renamed, a status move) is nobody's edit
    const last = await repo.findOne({
      where: { programmeId, action: Not('refresh') },
      order: { version: 'DESC' },
      select: { actorLabel: true },
    });
    return last?.actorLabel ?? null;
  }

  /** Records which content of its shipped file the entry now reflects (bookkeeping: no new version). */
  async setCatalogueHash(manager: EntityManager, id: string, hash: string): Promise<void> {
    await manager.createQueryBuilder().update(Programme).set({ catalogueHash: hash }).where('id = :id', { id }).execute();
  }

  /** Whether any programme, even a deleted one, ever had this slug. */
  async hasEverUsedSlug(slug: string): Promise<boolean> {
    return (await this.programmes.count({ where: { slug } })) > 0;
  }

  listForAdmin(filter: AdminProgrammeFilter, slice: Slice): Promise<[Programme[], number]> {
    const qb = this.filtered(filter);
    if (filter.publicationState?.length) qb.andWhere('p.publicationState IN (:...states)', { states: filter.publicationState });
    if (filter.factsOlderThan) {
      // the rule of factsAge (key-facts.ts), over the stored JSON; a test keeps the two equal
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM jsonb_array_elements(p.key_facts) f
                   LEFT JOIN LATERAL (SELECT s FROM jsonb_array_elements(p.sources) s WHERE s->>'key' = f->>'source' LIMIT 1) src ON true
                  WHERE coalesce(f->>'validUntil', '9999-12-31') >= :today AND coalesce((f->>'termsYear')::int, 9999) >= :year
                    AND coalesce(greatest(src.s->>'publishedOn', src.s->>'checkedOn'), '') < :day::text)
          OR (jsonb_array_length(p.key_facts) = 0 AND (p.sourcesNewestOn IS NULL OR p.sourcesNewestOn < :day::date)))`,
        { day: filter.factsOlderThan.day, today: filter.factsOlderThan.today, year: Number(filter.factsOlderThan.today.slice(0, 4)) },
      );
    }
    if (filter.breaksPublishingRules) qb.andWhere('p.problemCount > 0');
    if (filter.pendingSuggestion) {
      qb.andWhere('EXISTS (SELECT 1 FROM programme_suggested_update s WHERE s.programme_id = p.id AND s.resolved_at IS NULL)');
    }
    if (filter.pendingChange) {
      qb.andWhere("EXISTS (SELECT 1 FROM programme_pending_change c WHERE c.programme_id = p.id AND c.state = 'open')");
    }
    return qb.orderBy('p.updatedAt', 'DESC').addOrderBy('p.id').skip(slice.offset).take(slice.limit).getManyAndCount();
  }

  /** OR inside a facet (array overlap), AND across facets; a plain substring match on the text. */
  private filtered(filter: ProgrammeFilter): SelectQueryBuilder<Programme> {
    const qb = this.withRelations(this.programmes.createQueryBuilder('p')).where('p.deletedAt IS NULL');
    for (const f of FACETS) {
      const codes = filter.facets?.[f.param];
      if (codes?.length) qb.andWhere(`p.${f.field} && :${f.param}::text[]`, { [f.param]: codes });
    }
    if (filter.provider?.length) qb.andWhere('provider.slug IN (:...providers)', { providers: filter.provider });
    if (filter.status?.length) qb.andWhere('p.status IN (:...statuses)', { statuses: filter.status });
    if (filter.q) {
      const pattern = likePattern(filter.q);
      qb.andWhere(
        new Brackets((w) => {
          for (const col of ['titleRu', 'titleEn', 'summaryRu', 'summaryEn', 'slug']) {
            w.orWhere(`p.${col} ILIKE :pattern ESCAPE '\\'`, { pattern });
          }
        }),
      );
    }
    return qb;
  }

  async insert(manager: EntityManager, programme: Partial<Programme>): Promise<string> {
    const result = await manager.getRepository(Programme).insert(programme);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Writes the new state only if nobody saved since `expectedVersion`; returns whether it did. */
  async updateIfVersion(manager: EntityManager, id: string, expectedVersion: number, changes: Partial<Programme>): Promise<boolean> {
    const { provider: _provider, parent: _parent, id: _id, createdAt: _c, updatedAt: _u, ...columns } = changes;
    const result = await manager
      .createQueryBuilder()
      .update(Programme)
      .set({ ...columns, version: expectedVersion + 1, updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion AND deleted_at IS NULL', { id, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  appendRevision(manager: EntityManager, revision: Partial<ProgrammeRevision>): Promise<unknown> {
    return manager.getRepository(ProgrammeRevision).insert(revision);
  }

  appendRevisions(manager: EntityManager, revisions: Partial<ProgrammeRevision>[]): Promise<unknown> {
    return manager.getRepository(ProgrammeRevision).insert(revisions);
  }

  /** Locks the live programmes among `ids` for this transaction, in id order (no deadlock between two such calls); returns their ids. */
  async lockLive(manager: EntityManager, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM programme WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  findManyIncludingDeleted(manager: EntityManager, ids: string[]): Promise<Programme[]> {
    return this.withRelations(manager.getRepository(Programme).createQueryBuilder('p')).where('p.id IN (:...ids)', { ids }).getMany();
  }

  /** Each programme's newest revision snapshot, by programme id. */
  async lastSnapshots(manager: EntityManager, ids: string[]): Promise<Map<string, object>> {
    const rows: { programme_id: string; snapshot: object }[] = await manager.query(
      `SELECT DISTINCT ON (programme_id) programme_id, snapshot FROM programme_revision
        WHERE programme_id = ANY($1::uuid[]) ORDER BY programme_id, version DESC`,
      [ids],
    );
    return new Map(rows.map((r) => [r.programme_id, r.snapshot]));
  }

  /** A new version for programmes whose view changed through something else (see DependentRevisions). */
  async bumpVersions(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE programme SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Live programmes that show this organisation as their provider. */
  async idsByProvider(manager: EntityManager, providerId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM programme WHERE provider_id = $1 AND deleted_at IS NULL`, [
      providerId,
    ]);
    return rows.map((r) => r.id);
  }

  /** Whether the programme (deleted or not) was ever saved under `slug`: its slug now, or one it had before a rename. */
  async hasHadSlug(manager: EntityManager, id: string, slug: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM programme_revision WHERE programme_id = $1 AND snapshot->>'slug' = $2 LIMIT 1`,
      [id, slug],
    );
    return rows.length > 0;
  }

  /** Live programmes that show this programme as their parent. */
  async idsByParent(manager: EntityManager, parentId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM programme WHERE parent_id = $1 AND deleted_at IS NULL`, [parentId]);
    return rows.map((r) => r.id);
  }

  listRevisions(programmeId: string): Promise<ProgrammeRevision[]> {
    return this.revisions.find({ where: { programmeId }, order: { version: 'DESC' } });
  }

  /** Published, live programmes among `ids`, with their provider (what the search index may hold). */
  findPublishedByIds(ids: string[]): Promise<Programme[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.withPublicRelations(this.programmes.createQueryBuilder('p'))
      .where('p.id IN (:...ids) AND p.publicationState = :state AND p.deletedAt IS NULL', { ids, state: 'published' })
      .getMany();
  }

  /**
   * Published, live programmes among `ids` with only what a search hit shows and
   * their provider: one plain query (a search page asks for it on every request).
   */
  async findPublishedHitsByIds(ids: string[]): Promise<Programme[]> {
    if (!ids.length) return [];
    const rows: (Programme & { providerSlug: string; providerNameRu: string; providerNameEn: string | null })[] =
      await this.programmes.query(
        `SELECT p.id, p.slug, p.title_ru AS "titleRu", p.title_en AS "titleEn", p.summary_ru AS "summaryRu", p.summary_en AS "summaryEn",
              p.support_types AS "supportTypes", p.sizes, p.applicant_types AS "applicantTypes", p.eligibility, p.status, p.closes_at AS "closesAt",
              p.amount_min::float8 AS "amountMin", p.amount_max::float8 AS "amountMax",
              to_char(p.sources_newest_on, 'YYYY-MM-DD') AS "sourcesNewestOn", p.updated_at AS "updatedAt",
              p.key_facts AS "keyFacts", p.sources,
              o.slug AS "providerSlug", o.name_ru AS "providerNameRu", o.name_en AS "providerNameEn"
         FROM programme p JOIN organisation o ON o.id = p.provider_id
        WHERE p.id = ANY($1::uuid[]) AND p.publication_state = 'published' AND p.deleted_at IS NULL`,
        [ids],
      );
    return rows.map(({ providerSlug, providerNameRu, providerNameEn, ...p }) =>
      Object.assign(new Programme(), p, {
        provider: Object.assign(new Organisation(), { slug: providerSlug, nameRu: providerNameRu, nameEn: providerNameEn }),
      }),
    );
  }

  /**
   * A number that changes whenever any published programme does (status moves
   * included): the search index's version, which triggers bump in the same
   * transaction as the change.
   */
  async publishedVersion(): Promise<string> {
    const [row] = await this.programmes.query(`SELECT search_index_version()::text AS version`);
    return (row as { version: string }).version;
  }

  /**
   * Published programmes that still take applications, with their titles and
   * the conditions the matcher scores, as plain rows in id order: a batch after
   * `afterId` (keyset paging, so a large catalogue is read a slice at a time).
   */
  listMatchConditions(afterId: string | null, limit: number): Promise<MatchConditionsRow[]> {
    return this.programmes.query(
      `SELECT p.id, p.title_ru AS "titleRu", p.title_en AS "titleEn",
              p.applicant_types AS "applicantTypes", p.sizes, p.industries, p.objectives, p.territories, p.eligibility,
              p.eligibility_checks AS checks
         FROM programme p
        WHERE p.publication_state = 'published' AND p.deleted_at IS NULL AND p.status <> 'closed'
          AND ($1::uuid IS NULL OR p.id > $1::uuid)
        ORDER BY p.id
        LIMIT $2`,
      [afterId, limit],
    );
  }

  /** What the matcher shows of the published programmes with these slugs or ids. */
  listMatchable(by: { slugs: string[] } | { ids: string[] }): Promise<MatchableRow[]> {
    const [column, values] = 'slugs' in by ? ['slug', by.slugs] : ['id', by.ids];
    if (!values.length) return Promise.resolve([]);
    return this.programmes.query(
      `SELECT p.id, p.slug, p.title_ru AS "titleRu", p.title_en AS "titleEn", p.status, p.closes_at AS "closesAt",
              p.applicant_types AS "applicantTypes", p.sizes, p.industries, p.objectives, p.territories, p.eligibility,
              p.eligibility_checks AS checks, o.name_ru AS "providerRu", o.name_en AS "providerEn"
         FROM programme p JOIN organisation o ON o.id = p.provider_id
        WHERE p.${column} = ANY($1::${column === 'id' ? 'uuid' : 'text'}[]) AND p.publication_state = 'published' AND p.deleted_at IS NULL`,
      [values],
    );
  }

  /** A batch of published programmes after `afterId` in id order (for building an index). */
  listPublishedAfter(afterId: string | null, limit: number): Promise<Programme[]> {
    const qb = this.withPublicRelations(this.programmes.createQueryBuilder('p')).where(
      'p.publicationState = :state AND p.deletedAt IS NULL',
      {
        state: 'published',
      },
    );
    if (afterId) qb.andWhere('p.id > :afterId', { afterId });
    return qb.orderBy('p.id').limit(limit).getMany();
  }

  /** Words of published titles and summaries (four letters or more, folded) with how many programmes use them: the vocabulary "did you mean" corrects against. */
  async publishedWords(): Promise<Map<string, number>> {
    const rows: { word: string; n: number }[] = await this.programmes.query(
      `SELECT word, count(*)::int AS n
         FROM (SELECT DISTINCT p.id, w AS word
                 FROM programme p,
                      regexp_split_to_table(replace(lower(concat_ws(' ', p.title_ru, p.title_en, p.summary_ru, p.summary_en)), 'ё', 'е'), '[^[:alnum:]]+') AS w
                WHERE p.publication_state = 'published' AND p.deleted_at IS NULL AND length(w) >= 4) words
        GROUP BY word`,
    );
    return new Map(rows.map((r) => [r.word, r.n]));
  }

  countPublished(): Promise<number> {
    return this.programmes.count({ where: { publicationState: 'published', deletedAt: IsNull() } });
  }

  /** Announces to search that these programmes changed; call inside the transaction that changed them. */
  async enqueueSearchSync(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`INSERT INTO search_outbox (kind, programme_id) SELECT 'programme', unnest($1::uuid[])`, [ids]);
  }

  /**
   * Live programmes whose derived values (status, deciding round, amounts from facts that hold
   * now) are due to change, locked for this transaction; a row another worker holds is skipped.
   */
  async claimDueForRecheck(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM programme WHERE deleted_at IS NULL AND recheck_at <= $1 ORDER BY recheck_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  async writeStaleEnglish(manager: EntityManager, id: string, marks: StaleEnglish[]): Promise<void> {
    await manager.query(`UPDATE programme SET stale_english = $2 WHERE id = $1`, [id, JSON.stringify(marks)]);
  }

  /** Whether an editor has a change of this programme waiting to be published. */
  async hasOpenPendingChange(id: string, manager?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (manager ?? this.programmes.manager).query(
      `SELECT 1 FROM programme_pending_change WHERE programme_id = $1 AND state = 'open'`,
      [id],
    );
    return rows.length > 0;
  }

  /** Which of these programmes have an open pending change. */
  async withOpenPendingChange(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.programmes.query(
      `SELECT programme_id AS id FROM programme_pending_change WHERE programme_id = ANY($1::uuid[]) AND state = 'open'`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Discards the open pending change of a programme that is being deleted. */
  async closePendingChanges(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.query(
      `UPDATE programme_pending_change SET state = 'discarded', resolved_by_label = $2, resolved_at = now() WHERE programme_id = $1 AND state = 'open'`,
      [id, by],
    );
  }

  async writeProblemCount(manager: EntityManager, id: string, problemCount: number): Promise<void> {
    await manager.query(`UPDATE programme SET problem_count = $2 WHERE id = $1`, [id, problemCount]);
  }

  /** Writes what deriveProgramme recomputed, with no new version (DependentRevisions writes one where the view changed). */
  async writeDerived(manager: EntityManager, id: string, p: Partial<Programme>): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Programme)
      .set({
        status: p.status,
        opensAt: p.opensAt,
        closesAt: p.closesAt,
        recheckAt: p.recheckAt,
        amountMin: p.amountMin,
        amountMax: p.amountMax,
        problemCount: p.problemCount,
      })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Brings every live programme's served territories up to the taxonomy (after a territory was
   * added or moved): rows that change are rewritten (the search trigger follows) and queued for
   * the external index. Views do not show served territories, so no revision is written.
   */
  async refreshServedTerritories(manager: EntityManager, served: (codes: string[]) => string[]): Promise<number> {
    const rows: { id: string; territories: string[]; served: string[] }[] = await manager.query(
      `SELECT id, territories, territories_served AS served FROM programme WHERE deleted_at IS NULL`,
    );
    const changed = rows.map((r) => ({ id: r.id, next: served(r.territories) })).filter((r, i) => r.next.join() !== rows[i].served.join());
    for (const r of changed) await manager.query(`UPDATE programme SET territories_served = $2 WHERE id = $1`, [r.id, r.next]);
    if (changed.length)
      await this.enqueueSearchSync(
        manager,
        changed.map((r) => r.id),
      );
    return changed.length;
  }

  countByProvider(providerId: string): Promise<number> {
    return this.programmes.count({ where: { providerId } });
  }

  /** Programmes (live or not) that use `code` in the column of `facet` or its eligibility criteria. */
  async countUsingTerm(column: string, criteriaKey: string | null, code: string): Promise<number> {
    const criteria = criteriaKey ? ` OR eligibility -> '${criteriaKey}' ? $1` : '';
    const [{ count }] = await this.programmes.query(`SELECT count(*)::int AS count FROM programme WHERE $1 = ANY(${column})${criteria}`, [
      code,
    ]);
    return count;
  }
}
