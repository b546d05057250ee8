import { emptyValues } from '../programmes/programme-fields';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock, exactVersion, flattenValidationErrors } from '@app/common';
import { SYSTEM_SEED } from '../catalogue.errors';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { CreateProgrammeDto, UpdateProgrammeDto } from '../programmes/dto/programme-input.dto';
import { applyProgrammeInput, availabilityFromDates, changedPaths, deriveProgramme, mapProgramme } from '../programmes/programme.mapper';
import { Programme } from '../programmes/programme.entity';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProgrammesService } from '../programmes/programmes.service';
import { DependentRevisions } from '../programmes/dependent-revisions';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { toRecord } from '../transfer/programme-record';
import { loadShippedCatalogue, type ShippedProgramme } from './catalogue-files';
import { SuggestedUpdateRepository } from './suggested-update.repository';
import { SEED_TAXONOMY } from './taxonomy.seed';

export interface SeedReport {
  terms: number;
  organisations: number;
  programmes: number;
  /** Shipped entries nobody had changed, brought up to their file's content. */
  updated: number;
  /** Shipped entries an editor had changed: a suggested update waits for them. */
  suggested: number;
}

/** The update half of a report, in words for the console. */
export const catalogueUpdates = (r: SeedReport): string =>
  `shipped files changed since: ${r.updated} entries updated, ${r.suggested} suggested to editors`;

/**
 * Everything an entry can hold, cleared: a shipped entry laid over it is a
 * complete update, so a field the new content leaves out is emptied rather
 * than kept from the old one.
 */
const CLEARED = { parent: null, ...emptyValues() };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function overlay(base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) out[key] = isObject(value) && isObject(base[key]) ? overlay(base[key], value) : value;
  return out;
}

/** A shipped entry as a complete admin-API update body. */
export function shippedUpdateInput(body: ShippedProgramme['body']): Record<string, unknown> {
  return overlay(CLEARED, structuredClone(body) as unknown as Record<string, unknown>);
}

async function validated<T extends object>(type: new () => T, plain: object, slug: string): Promise<T> {
  const input = plainToInstance(type, plain);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new Error(`Shipped programme ${slug} is invalid: ${JSON.stringify(flattenValidationErrors(errors))}`);
  return input;
}

/**
 * Loads the shipped catalogue (catalogue/: one file per programme and provider) and keeps
 * installations up to date with it, entry by entry, by content:
 * - A shipped entry never seen here is created and published.
 * - One whose file changed since it was last written, and that nobody has changed since, is updated to the file.
 * - One an editor has changed (or unpublished, archived), or has a pending change of, is left
 *   alone and gets a suggested update, which the editor applies (into the pending change of a
 *   published entry) or dismisses.
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
    private readonly clock: Clock,
    private readonly taxonomyService: TaxonomyService,
  ) {}

  /** `dir`: the catalogue folder (the shipped one unless a test gives another). */
  async seed(dir?: string): Promise<SeedReport> {
    const shipped = loadShippedCatalogue(dir);
    const report: SeedReport = { terms: 0, organisations: 0, programmes: 0, updated: 0, suggested: 0 };
    let territoriesMoved = false;
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
      const nested = !added && t.parentCode ? await this.taxonomy.fillParentIfMissing(t.facet, t.code, t.parentCode) : false;
      if (t.facet === 'territory' && (added || nested)) territoriesMoved = true;
    }
    if (territoriesMoved) await this.taxonomyService.refreshServedTerritories();
    for (const o of shipped.providers) {
      const contacts = { url: o.url, email: o.email, phone: o.phone, addressRu: o.address.ru, addressEn: o.address.en };
      if (await this.organisations.insertIfAbsent({ slug: o.slug, nameRu: o.name.ru, nameEn: o.name.en, ...contacts }))
        report.organisations++;
      else {
        await this.dataSource.transaction(async (tx) => {
          const filled = await this.organisations.fillContactsIfMissing(tx, o.slug, contacts);
          // its programmes show the provider's site and contacts: they change with it
          if (filled) await this.dependents.refresh(tx, await this.programmeRows.idsByProvider(tx, filled), SYSTEM_SEED);
        });
      }
    }
    for (const entry of shipped.programmes) {
      const outcome = await this.seedProgramme(entry);
      if (outcome) report[outcome]++;
    }
    return report;
  }

  private async seedProgramme(entry: ShippedProgramme): Promise<'programmes' | 'updated' | 'suggested' | null> {
    const { body, contentHash } = entry;
    if (!(await this.programmeRows.hasEverUsedSlug(body.slug))) {
      const input = await validated(CreateProgrammeDto, body, entry.file);
      await this.dataSource.transaction(async (tx) => {
        const created = await this.programmes.create(input, SYSTEM_SEED, tx);
        if (entry.publish) await this.programmes.transition(created.id, exactVersion(created.version), 'publish', SYSTEM_SEED, tx);
        await this.programmeRows.setCatalogueHash(tx, created.id, contentHash);
      });
      return 'programmes';
    }
    const row = await this.programmeRows.findLiveBySlug(body.slug);
    if (!row || row.catalogueHash === null || row.catalogueHash === contentHash) return null;
    const plain = shippedUpdateInput(body);
    const input = await validated(UpdateProgrammeDto, plain, entry.file);
    // an open pending change is an editor's change in the making: the file's update waits for them as a suggestion
    const untouched =
      (await this.programmeRows.lastRevisionActorLabel(row.id)) === SYSTEM_SEED.label &&
      !(await this.programmeRows.hasOpenPendingChange(row.id));
    if (untouched) {
      await this.dataSource.transaction(async (tx) => {
        const saved = await this.programmes.update(row.id, exactVersion(row.version), input, SYSTEM_SEED, tx);
        // a suggestion left from an editor's pending change since discarded is superseded by this content
        await this.suggestions.resolveAll(tx, row.id, 'applied');
        // a shipped draft completed in its file (moved to programmes/) goes live
        if (entry.publish && saved.publicationState === 'draft')
          await this.programmes.transition(saved.id, exactVersion(saved.version), 'publish', SYSTEM_SEED, tx);
        await this.programmeRows.setCatalogueHash(tx, row.id, contentHash);
      });
      return 'updated';
    }
    const changedFields = await this.fieldsChangedBy(row.id, input, body.provider);
    const added = await this.suggestions.insertIfAbsent({ programmeId: row.id, contentHash, input: plain, changedFields });
    return added ? 'suggested' : null;
  }
  /** The fields a save of `input` would change, found by applying it to a copy of the entry the way a save does. */
  private async fieldsChangedBy(id: string, input: UpdateProgrammeDto, provider: string): Promise<string[]> {
    const saved = (await this.programmeRows.findLiveById(id))!;
    const next = Object.assign(new Programme(), structuredClone(saved));
    applyProgrammeInput(next, input);
    next.availability = availabilityFromDates(input, saved) ?? next.availability;
    deriveProgramme(next, this.clock.now(), saved);
    const changed = changedPaths(toRecord(mapProgramme(saved)), toRecord(mapProgramme(next)));
    return saved.provider?.slug === provider ? changed : ['provider', ...changed];
  }
}
