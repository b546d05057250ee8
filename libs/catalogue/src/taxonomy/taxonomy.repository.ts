import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Facet } from './facets';
import { TaxonomyTerm } from './taxonomy-term.entity';

@Injectable()
export class TaxonomyRepository {
  constructor(@InjectRepository(TaxonomyTerm) private readonly terms: Repository<TaxonomyTerm>) {}

  listAll(): Promise<TaxonomyTerm[]> {
    return this.terms.find({ order: { facet: 'ASC', position: 'ASC', code: 'ASC' } });
  }

  findOne(facet: Facet, code: string): Promise<TaxonomyTerm | null> {
    return this.terms.findOne({ where: { facet, code } });
  }

  /** Each territory's containing territory (null at the top): what servedTerritories walks. */
  async territoryParents(manager?: EntityManager): Promise<Map<string, string | null>> {
    const repo = manager ? manager.getRepository(TaxonomyTerm) : this.terms;
    const rows = await repo.find({ where: { facet: 'territory' }, select: { code: true, parentCode: true } });
    return new Map(rows.map((t) => [t.code, t.parentCode]));
  }

  /** Which of the (facet, code) pairs are not in the taxonomy, in one round trip. */
  async findUnknownTerms(terms: { facet: Facet; code: string }[], manager?: EntityManager): Promise<{ facet: Facet; code: string }[]> {
    if (terms.length === 0) return [];
    const repo = manager ? manager.getRepository(TaxonomyTerm) : this.terms;
    return repo.query(
      `SELECT q.facet, q.code FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(facet, code, n)
        WHERE NOT EXISTS (SELECT 1 FROM taxonomy_term t WHERE t.facet = q.facet AND t.code = q.code)
        ORDER BY q.n`,
      [terms.map((t) => t.facet), terms.map((t) => t.code)],
    );
  }

  /** Inserts the term unless (facet, code) exists; returns whether it inserted. */
  async insertIfAbsent(term: Partial<TaxonomyTerm>, manager?: EntityManager): Promise<boolean> {
    const repo = manager ? manager.getRepository(TaxonomyTerm) : this.terms;
    const result = await repo.createQueryBuilder().insert().values(term).orIgnore().execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Sets a term's parent where none is set (the shipped taxonomy nests a term an admin left at the top); returns whether it did. */
  async fillParentIfMissing(facet: Facet, code: string, parentCode: string): Promise<boolean> {
    const result = await this.terms
      .createQueryBuilder()
      .update()
      .set({ parentCode, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('facet = :facet AND code = :code AND parent_code IS NULL', { facet, code })
      .execute();
    return result.affected === 1;
  }

  async updateIfVersion(facet: Facet, code: string, expectedVersion: number, changes: Partial<TaxonomyTerm>): Promise<boolean> {
    const result = await this.terms
      .createQueryBuilder()
      .update()
      .set({ ...changes, version: expectedVersion + 1, updatedAt: () => 'now()' })
      .where('facet = :facet AND code = :code AND version = :expectedVersion', { facet, code, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  async remove(facet: Facet, code: string): Promise<void> {
    await this.terms.delete({ facet, code });
  }
}
