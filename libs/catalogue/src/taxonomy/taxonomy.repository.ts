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

  /** The codes among `codes` that are not terms of `facet`. */
  async findUnknownCodes(facet: Facet, codes: string[], manager?: EntityManager): Promise<string[]> {
    if (codes.length === 0) return [];
    const repo = manager ? manager.getRepository(TaxonomyTerm) : this.terms;
    const rows: { code: string }[] = await repo.query(
      `SELECT c AS code FROM unnest($2::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM taxonomy_term t WHERE t.facet = $1 AND t.code = c)`,
      [facet, codes],
    );
    return rows.map((r) => r.code);
  }

  /** Inserts the term unless (facet, code) exists; returns whether it inserted. */
  async insertIfAbsent(term: Partial<TaxonomyTerm>, manager?: EntityManager): Promise<boolean> {
    const repo = manager ? manager.getRepository(TaxonomyTerm) : this.terms;
    const result = await repo.createQueryBuilder().insert().values(term).orIgnore().execute();
    return (result.raw as unknown[]).length > 0;
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
