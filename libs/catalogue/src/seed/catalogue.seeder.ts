import { emptyValues } from '../programmes/programme-fields';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { exactVersion, flattenValidationErrors } from '@app/common';
import { SYSTEM_SEED } from '../catalogue.errors';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { CreateProgrammeDto, UpdateProgrammeDto } from '../programmes/dto/programme-input.dto';
import { applyProgrammeInput, changedPaths, deriveFromFacts, mapProgramme } from '../programmes/programme.mapper';
import { Programme } from '../programmes/programme.entity';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProgrammesService } from '../programmes/programmes.service';
import { DependentRevisions } from '../programmes/dependent-revisions';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { toRecord } from '../transfer/programme-record';
import { CATALOGUE_RELEASE, SEED_ORGANISATIONS, SEED_PROGRAMMES } from './catalogue.seed';
import { SuggestedUpdateRepository } from './suggested-update.repository';
import { SEED_TAXONOMY } from './taxonomy.seed';

export interface SeedReport {
  terms: number;
  organisations: number;
  programmes: number;
  /** Shipped entries nobody had changed, brought up to this release. */
  updated: number;
  /** Shipped entries an editor had changed: a suggested update waits for them. */
  suggested: number;
}

/** The update half of a report, in words for the console. */
export const catalogueUpdates = (r: SeedReport): string =>
  `release ${CATALOGUE_RELEASE}: ${r.updated} updated, ${r.suggested} suggested to editors`;

type ShippedEntry = (typeof SEED_PROGRAMMES)[number];

/**
 * Everything an entry can hold, cleared: a shipped entry laid over it is a
 * complete update, so a field the new release leaves out is emptied rather
 * than kept from the old release.
 */
const CLEARED = { parent: null, ...emptyValues() };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function overlay(base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) out[key] = isObject(value) && isObject(base[key]) ? overlay(base[key], value) : value;
  return out;
}

/** A shipped entry as a complete admin-API update body. */
export function shippedUpdateInput(entry: ShippedEntry): Record<string, unknown> {
  return overlay(CLEARED, structuredClone(entry) as unknown as Record<string, unknown>);
}

async function validated<T extends object>(type: new () => T, plain: object, slug: string): Promise<T> {
  const input = plainToInstance(type, plain);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new Error(`Shipped programme ${slug} is invalid: ${JSON.stringify(flattenValidationErrors(errors))}`);
  return input;
}

/**
 * Loads the shipped catalogue and keeps installations up to date with it.
 * - A shipped entry never seen here is created and published.
 * - One written from an older release that nobody has changed since is updated to this release.
 * - One an editor has changed (or unpublished, archived) is left alone and gets a
 *   suggested update, which the editor applies or dismisses.
 * - A deleted one, or one an editor created under a shipped slug, is never touched.
 * Running it twice changes nothing the second time.
 */
@Injectable()
export class CatalogueSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyRepository,
    private readonly organisations: OrganisationRepository,
    private readonly programmeRows: ProgrammeRepository,
    private readonly programmes: ProgrammesService,
    private readonly suggestions: SuggestedUpdateRepository,
    private readonly dependents: DependentRevisions,
  ) {}

  async seed(): Promise<SeedReport> {
    const report: SeedReport = { terms: 0, organisations: 0, programmes: 0, updated: 0, suggested: 0 };
    for (const [position, t] of SEED_TAXONOMY.entries()) {
      const added = await this.taxonomy.insertIfAbsent({
        facet: t.facet,
        code: t.code,
        labelRu: t.ru,
        labelEn: t.en,
        parentCode: t.parentCode ?? null,
        kind: t.kind ?? null,
        position,
      });
      if (added) report.terms++;
    }
    for (const o of SEED_ORGANISATIONS) {
      if (await this.organisations.insertIfAbsent({ slug: o.slug, nameRu: o.name.ru, nameEn: o.name.en, url: o.url }))
        report.organisations++;
      else if (o.url) {
        const url = o.url;
        await this.dataSource.transaction(async (tx) => {
          const filled = await this.organisations.fillUrlIfMissing(tx, o.slug, url);
          // its programmes show the provider's site: they change with it
          if (filled) await this.dependents.refresh(tx, await this.programmeRows.idsByProvider(tx, filled), SYSTEM_SEED);
        });
      }
    }
    for (const entry of SEED_PROGRAMMES) {
      const outcome = await this.seedProgramme(entry);
      if (outcome) report[outcome]++;
    }
    return report;
  }

  private async seedProgramme(entry: ShippedEntry): Promise<'programmes' | 'updated' | 'suggested' | null> {
    if (!(await this.programmeRows.hasEverUsedSlug(entry.slug))) {
      const input = await validated(CreateProgrammeDto, entry, entry.slug);
      await this.dataSource.transaction(async (tx) => {
        const created = await this.programmes.create(input, SYSTEM_SEED, tx);
        await this.programmes.transition(created.id, exactVersion(created.version), 'publish', SYSTEM_SEED, tx);
        await this.programmeRows.setCatalogueRelease(tx, created.id, CATALOGUE_RELEASE);
      });
      return 'programmes';
    }
    const row = await this.programmeRows.findLiveBySlug(entry.slug);
    if (!row || row.catalogueRelease === null || row.catalogueRelease >= CATALOGUE_RELEASE) return null;
    const plain = shippedUpdateInput(entry);
    const input = await validated(UpdateProgrammeDto, plain, entry.slug);
    if ((await this.programmeRows.lastRevisionActorLabel(row.id)) === SYSTEM_SEED.label) {
      await this.dataSource.transaction(async (tx) => {
        await this.programmes.update(row.id, exactVersion(row.version), input, SYSTEM_SEED, tx);
        await this.programmeRows.setCatalogueRelease(tx, row.id, CATALOGUE_RELEASE);
      });
      return 'updated';
    }
    const changedFields = await this.fieldsChangedBy(row.id, input, entry.provider);
    const added = await this.suggestions.insertIfAbsent({ programmeId: row.id, release: CATALOGUE_RELEASE, input: plain, changedFields });
    return added ? 'suggested' : null;
  }

  /** The fields a save of `input` would change, found by applying it to a copy of the entry the way a save does. */
  private async fieldsChangedBy(id: string, input: UpdateProgrammeDto, provider: string): Promise<string[]> {
    const saved = (await this.programmeRows.findLiveById(id))!;
    const next = Object.assign(new Programme(), structuredClone(saved));
    applyProgrammeInput(next, input);
    deriveFromFacts(next, saved);
    const changed = changedPaths(toRecord(mapProgramme(saved)), toRecord(mapProgramme(next)));
    return saved.provider?.slug === provider ? changed : ['provider', ...changed];
  }
}
