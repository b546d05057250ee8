import type { ProgrammeView } from './dto/programme-view.dto';
import { emptyValues } from './programme-fields';
import { readSnapshot, SNAPSHOT_SCHEMA, snapshotView, toSnapshot } from './programme-snapshot';

const VIEW = {
  id: '5b0c1a4e-6a39-4c55-a0c5-3f1e6c0d9a11',
  slug: 'grant',
  title: { ru: 'Грант', en: 'Grant' },
  summary: { ru: 'Кратко', en: null },
  provider: {
    slug: 'moscow-government',
    name: { ru: 'Правительство Москвы', en: null },
    url: 'https://www.mos.ru',
    email: null,
    phone: '+7 495 000-00-00',
    address: { ru: null, en: null },
  },
  parent: null,
  ...emptyValues(),
  supportTypes: ['grant_subsidy'],
  publicationState: 'published',
  publishedAt: '2026-11-01T00:00:00.000Z',
  version: 3,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
} as unknown as ProgrammeView;
VIEW.benefit.termMonths = 36;
VIEW.timing = {
  availability: {
    kind: 'rounds',
    rounds: [{ opensAt: null, closesAt: '2026-12-31T20:59:59.000Z', source: null }],
    source: null,
    asOf: null,
    note: { ru: null, en: null },
  },
  opensAt: null,
  closesAt: '2026-12-31T20:59:59.000Z',
  status: 'open',
};
VIEW.curation = {
  sources: [],
  newestSourceOn: null,
  lastCheckedOn: '2026-11-30',
  // what the publishing rules say of it, derived from the rest
  problems: [
    { field: 'curation.sources', messages: ['add at least one source before publishing'] },
    { field: 'application.steps', messages: ['add at least one application step before publishing'] },
    { field: 'timing.availability.rounds.0.source', messages: ['cite the page that announces this round'] },
  ],
};

describe('revision snapshots', () => {
  it('are written in their own versioned shape and read back as the same view', () => {
    const stored = JSON.parse(JSON.stringify(toSnapshot(VIEW, null))) as Record<string, unknown>;
    expect(stored.schema).toBe(SNAPSHOT_SCHEMA);
    // derived values sit apart from the fields an editor sets
    expect(stored.derived).toEqual({ status: 'open', newestSourceOn: null, lastCheckedOn: '2026-11-30' });
    expect(stored.timing).toEqual({
      availability: VIEW.timing.availability,
      opensAt: null,
      closesAt: '2026-12-31T20:59:59.000Z',
    });
    // the change feed's SQL reads these at the top
    expect([stored.slug, stored.publicationState]).toEqual(['grant', 'published']);
    expect(snapshotView(readSnapshot(stored))).toEqual(VIEW);
  });

  it('upgrades a schema-1 snapshot (the API view of its day) with fields it lacked as empty', () => {
    const { keyFacts: _facts, ...old } = JSON.parse(JSON.stringify(VIEW)) as Record<string, unknown>;
    delete (old.benefit as Record<string, unknown>).termMonths;
    const v = snapshotView(readSnapshot(old));
    expect(v.keyFacts).toEqual([]);
    expect(v.benefit.termMonths).toBeNull();
    expect(v.timing.status).toBe('open');
  });

  it('upgrades a schema-2 snapshot: dates become one round, no dates and "ongoing" become not confirmed', () => {
    const two = JSON.parse(JSON.stringify(toSnapshot(VIEW, VIEW.parent))) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    two.schema = 2;
    delete two.timing.availability;
    delete two.provider.phone;
    expect(snapshotView(readSnapshot(two)).timing).toEqual(VIEW.timing);
    two.timing.closesAt = null;
    two.derived.status = 'ongoing';
    const v = snapshotView(readSnapshot(two));
    expect(v.timing).toMatchObject({ status: 'not_confirmed', availability: { kind: 'not_confirmed', rounds: [] } });
    expect(v.provider.phone).toBeNull();
  });

  it('refuses a schema it does not know rather than guess', () => {
    expect(() => readSnapshot({ ...toSnapshot(VIEW, null), schema: 99 })).toThrow('unknown schema 99');
  });
});
