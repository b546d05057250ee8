import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, IsNull, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { FACETS, FacetParam } from '../taxonomy/facets';
import type { ProgrammeStatus, PublicationState } from './programme-status';
import { ProgrammeRevision } from './programme-revision.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Programme } from './programme.entity';
import type { EligibilityCriteria } from './programme.types';

export interface ProgrammeFilter {
  q?: string;
  facets?: Partial<Record<FacetParam, string[]>>;
  provider?: string[];
  status?: ProgrammeStatus[];
}

export interface AdminProgrammeFilter extends ProgrammeFilter {
  publicationState?: PublicationState[];
  /** Only programmes with no dated source, or whose newest source is older than this day (`YYYY-MM-DD`). */
  sourcesOlderThan?: string;
  /** Only programmes with a shipped-catalogue update waiting for an editor. */
  pendingSuggestion?: boolean;
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

  /** Records which shipped-catalogue release the entry now reflects (bookkeeping: no new version). */
  async setCatalogueRelease(manager: EntityManager, id: string, release: number): Promise<void> {
    await manager.createQueryBuilder().update(Programme).set({ catalogueRelease: release }).where('id = :id', { id }).execute();
  }

  /** Whether any programme, even a deleted one, ever had this slug. */
  async hasEverUsedSlug(slug: string): Promise<boolean> {
    return (await this.programmes.count({ where: { slug } })) > 0;
  }

  listForAdmin(filter: AdminProgrammeFilter, slice: Slice): Promise<[Programme[], number]> {
    const qb = this.filtered(filter);
    if (filter.publicationState?.length) qb.andWhere('p.publicationState IN (:...states)', { states: filter.publicationState });
    if (filter.sourcesOlderThan) qb.andWhere('(p.sourcesNewestOn IS NULL OR p.sourcesNewestOn < :day)', { day: filter.sourcesOlderThan });
    if (filter.pendingSuggestion) {
      qb.andWhere('EXISTS (SELECT 1 FROM programme_suggested_update s WHERE s.programme_id = p.id AND s.resolved_at IS NULL)');
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
              p.applicant_types AS "applicantTypes", p.sizes, p.industries, p.objectives, p.territories, p.eligibility
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
              o.name_ru AS "providerRu", o.name_en AS "providerEn"
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

  /** Moves every programme whose dates say so to its current status; returns the ids changed (their revisions are the caller's). */
  async refreshStatuses(manager: EntityManager, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      // wrapped in a CTE so the driver returns the rows themselves (an UPDATE returns [rows, count])
      `WITH changed AS (
         UPDATE programme SET status = programme_status(opens_at, closes_at, $1)
          WHERE deleted_at IS NULL AND status <> programme_status(opens_at, closes_at, $1)
          RETURNING id)
       SELECT id FROM changed`,
      [now],
    );
    return rows.map((r) => r.id);
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
