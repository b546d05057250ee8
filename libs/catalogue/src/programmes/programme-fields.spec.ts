import { getMetadataArgsStorage } from 'typeorm';
import { FACETS } from '../taxonomy/facets';
import { csvToRows, CSV_COLUMNS, recordsToCsv, type ProgrammeRecord } from '../transfer/programme-record';
import { CreateProgrammeDto } from './dto/programme-input.dto';
import { Programme } from './programme.entity';
import { applyProgrammeInput, emptyColumns } from './programme.mapper';
import { emptyValues, getPath, PROGRAMME_FIELDS, type ProgrammeField } from './programme-fields';

const FIELDS = PROGRAMME_FIELDS as readonly ProgrammeField[];

const RECORD: ProgrammeRecord = {
  slug: 'grant',
  provider: 'moscow-government',
  parent: null,
  title: { ru: 'Грант', en: 'Grant' },
  summary: { ru: 'Кратко', en: null },
  publicationState: 'draft',
  ...emptyValues(),
  supportTypes: ['grant_subsidy'],
  territories: ['moscow', 'zelenograd'],
  benefit: {
    ...emptyValues().benefit,
    text: { ru: 'До 10 млн ₽', en: null },
    amountMin: null,
    amountMax: 10_000_000,
    ratePercent: 7.5,
    termMonths: 36,
    taxReductions: [{ tax: 'property', fromPercent: null, toPercent: 100, years: 10 }],
  },
  eligibility: {
    text: { ru: null, en: 'SMEs' },
    criteria: { headcountMax: 250, sizes: ['small'] },
    checks: [{ ru: 'Экспорт в дружественные страны', en: null }],
  },
  timing: {
    availability: {
      kind: 'rounds',
      rounds: [{ opensAt: '2026-01-01T00:00:00.000Z', closesAt: null, source: 's1' }],
      source: null,
      asOf: null,
      note: { ru: null, en: null },
    },
    opensAt: '2026-01-01T00:00:00.000Z',
    closesAt: null,
  },
};

describe('the field description', () => {
  it('gives each described column to the entity, with its SQL type', () => {
    const columns = new Map(
      getMetadataArgsStorage()
        .columns.filter((c) => c.target === Object.getPrototypeOf(Programme))
        .map((c) => [c.propertyName, c.options.type]),
    );
    for (const f of FIELDS) {
      if (f.type === 'localised') {
        expect([columns.get(`${f.column}Ru`), columns.get(`${f.column}En`)]).toEqual(['text', 'text']);
      } else {
        expect(columns.get(f.column)).toBe(
          { integer: null, decimal: null, datetime: 'timestamptz', url: 'text', codes: 'text', structured: 'jsonb' }[f.type] ??
            (f as { sql: string }).sql,
        );
      }
    }
    expect(columns.size).toBe(FIELDS.reduce((n, f) => n + (f.type === 'localised' ? 2 : 1), 0));
  });

  it('keeps the CSV columns of import and export in the order files already use', () => {
    expect(CSV_COLUMNS.slice(0, 10)).toEqual([
      'slug',
      'provider',
      'parent',
      'publicationState',
      'title.ru',
      'title.en',
      'summary.ru',
      'summary.en',
      'description.ru',
      'description.en',
    ]);
    expect(CSV_COLUMNS).toContain('benefit.termMonths');
    expect(CSV_COLUMNS).toContain('eligibility.criteria');
    expect(CSV_COLUMNS.at(-1)).toBe('curation.sources');
    expect(new Set(CSV_COLUMNS).size).toBe(CSV_COLUMNS.length);
  });

  it('reads back from CSV every value it wrote', () => {
    const [row] = csvToRows(recordsToCsv([RECORD]));
    expect(row.problems).toEqual([]);
    for (const f of FIELDS) expect([f.path, getPath(row.record, f.path)]).toEqual([f.path, getPath(RECORD, f.path)]);
  });

  it('derives the facet list from the code fields, in their order', () => {
    expect(FACETS.map((f) => [f.facet, f.param, f.field, f.column])).toEqual([
      ['support_type', 'supportType', 'supportTypes', 'support_types'],
      ['applicant_type', 'applicantType', 'applicantTypes', 'applicant_types'],
      ['stage', 'stage', 'stages', 'stages'],
      ['size', 'size', 'sizes', 'sizes'],
      ['industry', 'industry', 'industries', 'industries'],
      ['objective', 'objective', 'objectives', 'objectives'],
      ['territory', 'territory', 'territories', 'territories'],
    ]);
  });

  it('copies sent values onto columns, leaves absent ones alone, and normalises structured ones', () => {
    const target: Partial<Programme> = { ...emptyColumns(), termMonths: 12, benefitRu: 'было' };
    applyProgrammeInput(target, {
      benefit: { text: { en: 'Grant' }, ratePercent: null },
      application: { contacts: { email: 'a@b.ru' } },
      eligibility: { criteria: { sizes: [], headcountMax: 5 } },
    } as unknown as CreateProgrammeDto);
    expect(target).toMatchObject({
      termMonths: 12,
      benefitRu: 'было',
      benefitEn: 'Grant',
      ratePercent: null,
      contacts: { email: 'a@b.ru', phone: null, url: null },
      eligibility: { headcountMax: 5 },
    });
    expect(emptyColumns()).toMatchObject({ supportTypes: [], keyFacts: [], eligibility: {}, termMonths: null });
  });
});
