import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '@app/common';
import { SYSTEM_SEED } from '../catalogue.errors';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProgrammesService } from '../programmes/programmes.service';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { SEED_ORGANISATIONS, SEED_PROGRAMMES } from './catalogue.seed';
import { SEED_TAXONOMY } from './taxonomy.seed';

export interface SeedReport {
  terms: number;
  organisations: number;
  programmes: number;
}

/**
 * Loads the shipped catalogue. Only adds what is missing: an entry an editor has
 * changed, unpublished, archived or deleted is never touched again, so a second run changes nothing.
 */
@Injectable()
export class CatalogueSeeder {
  constructor(
    private readonly taxonomy: TaxonomyRepository,
    private readonly organisations: OrganisationRepository,
    private readonly programmeRows: ProgrammeRepository,
    private readonly programmes: ProgrammesService,
  ) {}

  async seed(): Promise<SeedReport> {
    const report: SeedReport = { terms: 0, organisations: 0, programmes: 0 };
    for (const [position, t] of SEED_TAXONOMY.entries()) {
      const added = await this.taxonomy.insertIfAbsent({
        facet: t.facet, code: t.code, labelRu: t.ru, labelEn: t.en, parentCode: t.parentCode ?? null, kind: t.kind ?? null, position,
      });
      if (added) report.terms++;
    }
    for (const o of SEED_ORGANISATIONS) {
      if (await this.organisations.insertIfAbsent({ slug: o.slug, nameRu: o.name.ru, nameEn: o.name.en, url: o.url })) report.organisations++;
    }
    for (const plain of SEED_PROGRAMMES) {
      if (await this.programmeRows.hasEverUsedSlug(plain.slug)) continue;
      const input = plainToInstance(CreateProgrammeDto, plain);
      const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) {
        throw new Error(`Seed programme ${plain.slug} is invalid: ${JSON.stringify(flattenValidationErrors(errors))}`);
      }
      const created = await this.programmes.create(input, SYSTEM_SEED);
      await this.programmes.transition(created.id, created.version, 'publish', SYSTEM_SEED);
      report.programmes++;
    }
    return report;
  }
}
