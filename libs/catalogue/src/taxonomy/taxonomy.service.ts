import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { servedTerritories } from './territories';
import { DomainError, type ExpectedVersion, versionMatches } from '@app/common';
import { termCodeTaken, termInUse, termNotFound, termVersionConflict } from '../catalogue.errors';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { CRITERIA_FACETS, FACETS, type Facet } from './facets';
import type { CreateTermDto, FacetView, TaxonomyView, TermView, UpdateTermDto } from './dto/taxonomy.dto';
import type { TaxonomyTerm } from './taxonomy-term.entity';
import { TaxonomyRepository } from './taxonomy.repository';

export const mapTerm = (t: TaxonomyTerm): TermView => ({
  facet: t.facet,
  code: t.code,
  label: { ru: t.labelRu, en: t.labelEn },
  parentCode: t.parentCode,
  kind: t.kind,
  position: t.position,
  version: t.version,
});

@Injectable()
export class TaxonomyService {
  constructor(
    private readonly terms: TaxonomyRepository,
    private readonly programmes: ProgrammeRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async getAll(): Promise<TaxonomyView> {
    const all = await this.terms.listAll();
    const facets: FacetView[] = FACETS.map((f) => ({
      facet: f.facet,
      param: f.param,
      terms: all.filter((t) => t.facet === f.facet).map(mapTerm),
    }));
    return { facets };
  }

  async getTerm(facet: Facet, code: string): Promise<TermView> {
    const term = await this.terms.findOne(facet, code);
    if (!term) throw termNotFound(facet, code);
    return mapTerm(term);
  }

  async create(facet: Facet, input: CreateTermDto): Promise<TermView> {
    await this.assertParent(facet, input.parentCode ?? null, input.code);
    const inserted = await this.terms.insertIfAbsent({
      facet,
      code: input.code,
      labelRu: input.label.ru,
      labelEn: input.label.en ?? null,
      parentCode: input.parentCode ?? null,
      kind: input.kind ?? null,
      position: input.position ?? 0,
    });
    if (!inserted) throw termCodeTaken(facet, input.code);
    if (facet === 'territory') await this.refreshServedTerritories();
    return this.getTerm(facet, input.code);
  }

  async update(facet: Facet, code: string, expected: ExpectedVersion, input: UpdateTermDto): Promise<TermView> {
    const current = await this.terms.findOne(facet, code);
    if (!current) throw termNotFound(facet, code);
    if (!versionMatches(expected, current.version)) throw termVersionConflict();
    if (input.parentCode !== undefined) await this.assertParent(facet, input.parentCode, code);
    const changes: Partial<TaxonomyTerm> = {};
    if (input.label) {
      changes.labelRu = input.label.ru;
      changes.labelEn = input.label.en ?? null;
    }
    if (input.parentCode !== undefined) changes.parentCode = input.parentCode;
    if (input.kind !== undefined) changes.kind = input.kind;
    if (input.position !== undefined) changes.position = input.position;
    if (!(await this.terms.updateIfVersion(facet, code, current.version, changes))) throw termVersionConflict();
    if (facet === 'territory' && input.parentCode !== undefined) await this.refreshServedTerritories();
    return this.getTerm(facet, code);
  }

  /** A term still used by any programme (live, draft or archived) cannot go. */
  async remove(facet: Facet, code: string, expected: ExpectedVersion): Promise<void> {
    const current = await this.terms.findOne(facet, code);
    if (!current) throw termNotFound(facet, code);
    if (!versionMatches(expected, current.version)) throw termVersionConflict();
    const column = FACETS.find((f) => f.facet === facet)!.column;
    const used = await this.programmes.countUsingTerm(column, CRITERIA_FACETS.find((c) => c.facet === facet)?.key ?? null, code);
    if (used > 0) throw termInUse(facet, code, used);
    await this.terms.remove(facet, code);
  }

  /** Programmes serve every place inside their territories: a new or moved territory changes what they serve. */
  async refreshServedTerritories(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const parents = await this.terms.territoryParents(tx);
      return this.programmes.refreshServedTerritories(tx, (codes) => servedTerritories(codes, parents));
    });
  }

  private async assertParent(facet: Facet, parentCode: string | null, code: string): Promise<void> {
    if (!parentCode) return;
    if (parentCode === code || !(await this.terms.findOne(facet, parentCode))) {
      throw new DomainError('invalid', 'VALIDATION_FAILED', `Invalid parentCode: no other ${facet} "${parentCode}"`, [
        { field: 'parentCode', messages: [`no other ${facet} "${parentCode}"`] },
      ]);
    }
  }
}
