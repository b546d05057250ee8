import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { emptyValues, ProgrammesService, ProgrammeStatusJob, toSnapshot, type ProgrammeView } from '@app/catalogue';
import { runMigrations } from '@app/database';
import { createTestDatabase } from '@app/testing';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

/**
 * A catalogue as release 2 left it (its last migration: AddVerbSynonyms), migrated to the
 * truth model: dates become a round, no dates become "not confirmed", sources get kinds read off
 * their addresses, facts and sources are kept, and the status job writes the revision that tells
 * the change feed.
 */
describe('migrating existing entries to the truth model', () => {
  let t: TestApp;

  beforeAll(async () => {
    const db = await createTestDatabase({ empty: true });
    await runMigrations(db.url, 'AddVerbSynonyms1764950400000');
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const [org] = (
        await c.query(`INSERT INTO organisation (slug, name_ru, url) VALUES ('fund', 'Фонд', 'https://fund.example') RETURNING id`)
      ).rows;
      const sources = JSON.stringify([
        {
          key: 'card',
          title: { ru: 'Карточка', en: null },
          url: 'https://i.moscow/measure-supports-card/1',
          publisher: 'i.moscow',
          publishedOn: null,
          checkedOn: null,
        },
        {
          key: 'news',
          title: { ru: 'Новость', en: null },
          url: 'https://www.m24.ru/news/1',
          publisher: 'Москва 24',
          publishedOn: '2025-10-09',
          checkedOn: null,
        },
      ]);
      const facts = JSON.stringify([
        {
          group: 'benefit',
          label: { ru: 'Грант', en: null },
          value: { ru: 'до 10 млн ₽', en: null },
          number: 10000000,
          unit: 'rub',
          asOf: null,
          source: 'card',
        },
      ]);
      for (const [slug, opens, closes, status] of [
        ['with-dates', '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'open'],
        ['without-dates', null, null, 'ongoing'],
      ] as const) {
        const [p] = (
          await c.query(
            `INSERT INTO programme (slug, title_ru, summary_ru, provider_id, territories, opens_at, closes_at, status, key_facts, sources,
                                    application_steps, apply_url, amount_max, publication_state, published_at, catalogue_release)
             VALUES ($1, 'Программа', 'Кратко', $2, '{moscow}', $3, $4, $5, $6, $7, '[{"text":{"ru":"Шаг","en":null},"url":null}]',
                     'https://i.moscow/measure-supports-card/1', 10000000, 'published', now(), 2) RETURNING id`,
            [slug, org.id, opens, closes, status, facts, sources],
          )
        ).rows;
        // the snapshot release 2 wrote: schema 2, without availability, source kinds or provider contacts
        const snapshot = toSnapshot(
          {
            ...emptyValues(),
            id: p.id,
            slug,
            title: { ru: 'Программа', en: null },
            summary: { ru: 'Кратко', en: null },
            provider: { slug: 'fund', name: { ru: 'Фонд', en: null }, url: 'https://fund.example' },
            parent: null,
            timing: { opensAt: opens && new Date(opens).toISOString(), closesAt: closes && new Date(closes).toISOString(), status },
            curation: { sources: JSON.parse(sources), newestSourceOn: '2025-10-09', lastCheckedOn: null },
            publicationState: 'published',
            publishedAt: '2026-11-01T00:00:00.000Z',
            version: 1,
            createdAt: '2026-11-01T00:00:00.000Z',
            updatedAt: '2026-11-01T00:00:00.000Z',
          } as unknown as ProgrammeView,
          null,
        ) as unknown as Record<string, Record<string, unknown>>;
        delete snapshot.publicParent;
        delete snapshot.timing.availability;
        delete snapshot.eligibility.checks;
        delete snapshot.application.applyUrlEn;
        Object.assign(snapshot, { schema: 2, provider: { slug: 'fund', name: { ru: 'Фонд', en: null }, url: 'https://fund.example' } });
        await c.query(
          `INSERT INTO programme_revision (programme_id, version, action, actor_label, changed_fields, snapshot)
           VALUES ($1, 1, 'create', 'system:seed', '{}', $2)`,
          [p.id, JSON.stringify(snapshot)],
        );
      }
    } finally {
      await c.end();
    }
    await runMigrations(db.url);
    t = await createTestApp({ db, seed: false });
  });
  afterAll(() => t.close());

  it('turns dates into a round and a missing date into "not confirmed", keeping facts and sources', async () => {
    const ds = t.app.get(DataSource);
    const rows: {
      slug: string;
      status: string;
      availability: { kind: string; rounds: unknown[] };
      key_facts: unknown[];
      catalogue_hash: string;
    }[] = await ds.query(`SELECT slug, status, availability, key_facts, catalogue_hash FROM programme ORDER BY slug`);
    expect(
      rows.map((r) => [r.slug, r.status, r.availability.kind, r.availability.rounds.length, r.key_facts.length, r.catalogue_hash]),
    ).toEqual([
      ['with-dates', 'open', 'rounds', 1, 1, 'release-2'],
      ['without-dates', 'not_confirmed', 'not_confirmed', 0, 1, 'release-2'],
    ]);
  });

  it('shows the kinds of the old sources and what blocks publishing, and the status job writes the revisions', async () => {
    const ds = t.app.get(DataSource);
    const service = t.app.get(ProgrammesService);
    const [{ id }] = await ds.query(`SELECT id FROM programme WHERE slug = 'with-dates'`);
    const v = await service.getForAdmin(id);
    expect(v.curation.sources.map((s) => [s.key, s.kind])).toEqual([
      ['card', 'official'],
      ['news', 'other'], // nobody said it is a newspaper: an editor marks it
    ]);
    // the round has no source yet: it is listed as something to fix, with the field
    expect(v.curation.problems).toEqual([
      { field: 'timing.availability.rounds.0.source', messages: ['cite the page that announces this round'] },
    ]);
    // every live entry is queued for the job, which recomputes it by the same rule as a save
    expect(await t.app.get(ProgrammeStatusJob).run()).toBe(2);
    const [last] = await service.listRevisions(id);
    expect([last.action, last.actor.label, last.version]).toEqual(['refresh', 'system:status', 2]);
    // what the view now shows beyond the old snapshot: at least the problems the rules find (the round has no source)
    expect(last.changedFields).toEqual(expect.arrayContaining(['curation.problems']));
    expect(await t.app.get(ProgrammeStatusJob).run()).toBe(0);
    const [{ problem_count }] = await ds.query(`SELECT problem_count FROM programme WHERE id = $1`, [id]);
    expect(problem_count).toBe(1);
  });
});
