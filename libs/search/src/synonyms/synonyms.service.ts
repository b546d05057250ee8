import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type ExpectedVersion, validationFailed, versionMatches, versionSeen } from '@app/common';
import { buildSynonymIndex, SynonymIndex } from '../query/parse-query';
import { SearchOutbox } from '../sync/search-outbox';
import { isStopWord, wordKey, words } from '@app/language';
import { SearchSynonym } from './search-synonym.entity';
import type { SynonymInputDto, SynonymView } from './synonym.dto';
import { synonymNotFound, synonymTermTaken, synonymVersionConflict } from './synonym.errors';

const CACHE_MS = 5_000;

const mapSynonym = (s: SearchSynonym): SynonymView => ({
  id: s.id,
  terms: s.terms,
  version: s.version,
  updatedAt: s.updatedAt.toISOString(),
});

/** The searchable shape of a term: its non-stop words as keys (`малого бизнеса` = `малый бизнес`). */
const termKey = (term: string): string =>
  words(term)
    .filter((w) => !isStopWord(w))
    .map(wordKey)
    .join(' ');

/**
 * Synonym groups admins maintain. Every change queues a settings update for
 * the engine in the same transaction; queries read a copy cached for a few seconds.
 */
@Injectable()
export class SynonymsService {
  private cached: { at: number; groups: string[][]; index: SynonymIndex } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: SearchOutbox,
  ) {}

  async list(): Promise<SynonymView[]> {
    return (await this.dataSource.getRepository(SearchSynonym).find({ order: { createdAt: 'ASC', id: 'ASC' } })).map(mapSynonym);
  }

  async get(id: string): Promise<SynonymView> {
    const found = await this.dataSource.getRepository(SearchSynonym).findOneBy({ id });
    if (!found) throw synonymNotFound(id);
    return mapSynonym(found);
  }

  /** Groups of terms for the engines, current to within a few seconds. */
  async groups(fresh = false): Promise<string[][]> {
    if (fresh) this.cached = null;
    return (await this.load()).groups;
  }

  async index(): Promise<SynonymIndex> {
    return (await this.load()).index;
  }

  create(input: SynonymInputDto): Promise<SynonymView> {
    return this.write(async (tx) => {
      await this.checkTerms(tx, input.terms, null);
      const saved = await tx.getRepository(SearchSynonym).save(tx.getRepository(SearchSynonym).create({ terms: input.terms }));
      return mapSynonym(saved);
    });
  }

  update(id: string, expected: ExpectedVersion, input: SynonymInputDto): Promise<SynonymView> {
    return this.write(async (tx) => {
      const current = await this.lockOne(tx, id);
      if (!versionMatches(expected, current.version)) throw synonymVersionConflict(versionSeen(expected, current.version), current.version);
      await this.checkTerms(tx, input.terms, id);
      current.terms = input.terms;
      return mapSynonym(await tx.getRepository(SearchSynonym).save(current));
    });
  }

  async remove(id: string, expected: ExpectedVersion): Promise<void> {
    await this.write(async (tx) => {
      const current = await this.lockOne(tx, id);
      if (!versionMatches(expected, current.version)) throw synonymVersionConflict(versionSeen(expected, current.version), current.version);
      await tx.getRepository(SearchSynonym).delete({ id });
    });
  }

  private async write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (tx) => {
      // one writer at a time, so two groups cannot claim the same term concurrently
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('search_synonym'))`);
      const out = await work(tx);
      await this.outbox.enqueueSettings(tx);
      return out;
    });
    this.cached = null;
    return result;
  }

  private async lockOne(tx: EntityManager, id: string): Promise<SearchSynonym> {
    const found = await tx
      .getRepository(SearchSynonym)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
    if (!found) throw synonymNotFound(id);
    return found;
  }

  /** Each term must have a searchable word, appear once in its group and in no other group. */
  private async checkTerms(tx: EntityManager, terms: string[], selfId: string | null): Promise<void> {
    const keys = terms.map(termKey);
    const problems = terms.flatMap((t, i) => {
      if (!keys[i]) return [{ field: `terms[${i}]`, messages: [`"${t}" has no searchable word`] }];
      if (keys.indexOf(keys[i]) !== i) return [{ field: `terms[${i}]`, messages: [`"${t}" repeats another term of this group`] }];
      return [];
    });
    if (problems.length) throw validationFailed(problems);
    const others = await tx.getRepository(SearchSynonym).find();
    for (const other of others) {
      if (other.id === selfId) continue;
      const taken = other.terms.map(termKey);
      const clash = terms.find((_, i) => taken.includes(keys[i]));
      if (clash) throw synonymTermTaken(clash);
    }
  }

  private async load(): Promise<{ groups: string[][]; index: SynonymIndex }> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const rows = await this.dataSource.getRepository(SearchSynonym).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const groups = rows.map((r) => r.terms);
    this.cached = { at: Date.now(), groups, index: buildSynonymIndex(groups) };
    return this.cached;
  }
}
