import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stringify } from 'yaml';
import { Clock, exactVersion } from '@app/common';
import {
  CatalogueSeeder,
  currentFacts,
  findCatalogueDir,
  loadShippedCatalogue,
  ProgrammesService,
  ProgrammeStatusJob,
  REQUIRED_SLUGS,
  SuggestedUpdatesService,
  PendingChangesService,
  SYSTEM_SEED,
  CreateProgrammeDto,
  UpdateProgrammeDto,
  type KeyFact,
} from '@app/catalogue';
import { programmeInput, round } from '@app/testing';
import { plainToInstance } from 'class-transformer';
import { createTestApp, TestApp } from '../../../test/support/test-app';

/** A clock the test moves by hand. */
class FakeClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return this.current;
  }
}

const editor = { id: null, label: 'editor@example.org' };
describe('catalogue on real PostgreSQL', () => {
  let t: TestApp;
  let app: INestApplication;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
    app = t.app;
    ds = app.get(DataSource);
  });
  afterAll(() => t.close());

  describe('the shipped catalogue', () => {
    const shipped = loadShippedCatalogue();

    it('seeds every file: published, actionable, sourced, each recording the content it was written from', async () => {
      const first = await app.get(CatalogueSeeder).seed();
      expect(first.programmes).toBe(shipped.programmes.length);
      const rows: { slug: string; publication_state: string; problem_count: number; catalogue_hash: string; status: string }[] =
        await ds.query(`SELECT slug, publication_state, problem_count, catalogue_hash, status FROM programme ORDER BY slug`);
      expect(rows.map((r) => r.slug)).toEqual(expect.arrayContaining(REQUIRED_SLUGS));
      for (const e of shipped.programmes) {
        const row = rows.find((r) => r.slug === e.body.slug);
        expect({ slug: e.body.slug, state: row?.publication_state, hash: row?.catalogue_hash }).toEqual({
          slug: e.body.slug,
          state: e.publish ? 'published' : 'draft',
          hash: e.contentHash,
        });
        // a published entry breaks no publishing rule; a shipped draft waits on one (it has no way to act yet)
        if (e.publish) expect(row?.problem_count).toBe(0);
        else expect(row?.problem_count).toBeGreaterThan(0);
        // nothing is "ongoing" any more: a status comes from the availability its sources give
        expect(['open', 'upcoming', 'standing', 'not_confirmed', 'closed']).toContain(row?.status);
      }
    });

    it('takes amounts only from benefit facts that hold now', async () => {
      const rows: { slug: string; amount_max: string | null; key_facts: KeyFact[] }[] = await ds.query(
        'SELECT slug, amount_max, key_facts FROM programme',
      );
      for (const r of rows) {
        const file = shipped.programmes.find((e) => e.body.slug === r.slug)!.body;
        const amounts = currentFacts(
          r.key_facts.map((f) => ({ ...f, validUntil: f.validUntil ?? null, termsYear: f.termsYear ?? null })),
          new Date(),
        )
          .filter((f) => f.group === 'benefit' && f.unit === 'rub' && f.number !== null)
          .map((f) => f.number as number);
        expect({ slug: r.slug, amount: r.amount_max === null ? null : Number(r.amount_max) }).toEqual({
          slug: r.slug,
          amount: amounts.length ? Math.max(...amounts) : (file.benefit?.amountMax ?? null),
        });
      }
    });

    it('is idempotent and never brings back what an editor deleted', async () => {
      const service = app.get(ProgrammesService);
      const [del] = await ds.query(`SELECT id, version FROM programme WHERE slug = 'i-moscow-investors'`);
      await service.remove(del.id, exactVersion(del.version), SYSTEM_SEED);
      const before = await ds.query('SELECT id, version, title_ru FROM programme ORDER BY id');
      const revisionsBefore = await ds.query('SELECT count(*)::int AS n FROM programme_revision');
      expect(await app.get(CatalogueSeeder).seed()).toEqual({ terms: 0, organisations: 0, programmes: 0, updated: 0, suggested: 0 });
      expect(await ds.query('SELECT id, version, title_ru FROM programme ORDER BY id')).toEqual(before);
      expect(await ds.query('SELECT count(*)::int AS n FROM programme_revision')).toEqual(revisionsBefore);
    });
  });

  describe('releases follow content', () => {
    /** A catalogue of its own: the shipped providers and two small programmes, in a folder the test edits. */
    const dir = mkdtempSync(join(tmpdir(), 'sn-catalogue-'));
    const write = (slug: string, body: object) => writeFileSync(join(dir, 'programmes', `${slug}.yaml`), stringify({ slug, ...body }));
    const rowOf = async (slug: string) =>
      (await ds.query(`SELECT id, version, title_ru, catalogue_hash FROM programme WHERE slug = $1`, [slug]))[0] as {
        id: string;
        version: number;
        title_ru: string;
        catalogue_hash: string;
      };
    const body = (title: string) => {
      const { slug: _slug, ...rest } = programmeInput({ title: { ru: title, en: title } }) as { slug: string };
      return rest;
    };

    beforeAll(() => {
      mkdirSync(join(dir, 'programmes'));
      cpSync(join(findCatalogueDir(), 'providers'), join(dir, 'providers'), { recursive: true });
      write('content-untouched', body('Первая редакция'));
      write('content-edited', body('Первая редакция'));
    });

    it('updates an untouched entry when its file changes, and only suggests it for one an editor changed', async () => {
      const seeder = app.get(CatalogueSeeder);
      expect(await seeder.seed(dir)).toMatchObject({ programmes: 2, updated: 0, suggested: 0 });
      const untouched = await rowOf('content-untouched');
      const edited = await rowOf('content-edited');
      await app
        .get(ProgrammesService)
        .update(
          edited.id,
          exactVersion(edited.version),
          plainToInstance(UpdateProgrammeDto, { summary: { ru: 'Правка редактора' } }),
          editor,
        );
      // nothing changed in the files: nothing happens, however often it runs
      expect(await seeder.seed(dir)).toMatchObject({ programmes: 0, updated: 0, suggested: 0 });

      // a content editor changes both files (no number to bump)
      write('content-untouched', body('Вторая редакция'));
      write('content-edited', body('Вторая редакция'));
      expect(await seeder.seed(dir)).toMatchObject({ programmes: 0, updated: 1, suggested: 1 });
      const updated = await rowOf('content-untouched');
      expect(updated.title_ru).toBe('Вторая редакция');
      expect(updated.catalogue_hash).not.toBe(untouched.catalogue_hash);
      const kept = await rowOf('content-edited');
      expect(kept.title_ru).toBe('Первая редакция');
      const suggestions = app.get(SuggestedUpdatesService);
      const [pending] = await suggestions.listPending(kept.id);
      expect(pending.release).toBeNull();
      expect(pending.changedFields.sort()).toEqual(['summary.ru', 'title.en', 'title.ru']);
      expect(pending.contentHash).toBe(loadShippedCatalogue(dir).programmes.find((p) => p.body.slug === 'content-edited')!.contentHash);
      expect(await seeder.seed(dir)).toMatchObject({ updated: 0, suggested: 0 });

      // applying is a version-checked save of the file's content: into the published entry's pending change
      await expect(suggestions.apply(kept.id, pending.id, { kind: 'live', version: kept.version - 1 }, editor)).rejects.toMatchObject({
        code: 'PROGRAMME.VERSION_CONFLICT',
      });
      const applied = await suggestions.apply(kept.id, pending.id, { kind: 'live', version: kept.version }, editor);
      expect(applied).toMatchObject({ kind: 'pending', change: { programme: { title: { ru: 'Вторая редакция' } } } });
      expect(await suggestions.listPending(kept.id)).toEqual([]);
      // the entry records the shipped content once that content is live
      expect((await rowOf('content-edited')).title_ru).toBe('Первая редакция');
      expect((await rowOf('content-edited')).catalogue_hash).not.toBe(pending.contentHash);
      const change = applied.kind === 'pending' ? applied.change : null;
      await app.get(PendingChangesService).publish(kept.id, { kind: 'pending', version: change!.version }, editor);
      expect((await rowOf('content-edited')).title_ru).toBe('Вторая редакция');
      expect((await rowOf('content-edited')).catalogue_hash).toBe(pending.contentHash);
    });

    it('keeps an editor’s change when the suggested update is dismissed', async () => {
      const service = app.get(ProgrammesService);
      const row = await rowOf('content-untouched');
      await service.update(
        row.id,
        exactVersion(row.version),
        plainToInstance(UpdateProgrammeDto, { summary: { ru: 'Своё краткое описание' } }),
        editor,
      );
      write('content-untouched', body('Третья редакция'));
      expect(await app.get(CatalogueSeeder).seed(dir)).toMatchObject({ updated: 0, suggested: 1 });
      const suggestions = app.get(SuggestedUpdatesService);
      const [pending] = await suggestions.listPending(row.id);
      await suggestions.dismiss(row.id, pending.id, editor);
      const after = await service.getForAdmin(row.id);
      expect(after.summary.ru).toBe('Своё краткое описание');
      expect(await suggestions.listPending(row.id)).toEqual([]);
      await expect(suggestions.dismiss(row.id, pending.id, editor)).rejects.toMatchObject({ code: 'SUGGESTED_UPDATE.NOT_FOUND' });
    });

    it('treats an open pending change as an editor’s change: the file’s update waits as a suggestion, until the change is discarded', async () => {
      const seeder = app.get(CatalogueSeeder);
      const pendingChanges = app.get(PendingChangesService);
      write('content-pending', body('Первая редакция'));
      await seeder.seed(dir);
      const row = await rowOf('content-pending');
      const edit = await pendingChanges.edit(
        row.id,
        { kind: 'live', version: row.version },
        plainToInstance(UpdateProgrammeDto, { summary: { ru: 'Правка, ещё не опубликованная' } }),
        editor,
      );
      expect(edit.kind).toBe('pending');
      write('content-pending', body('Вторая редакция'));
      expect(await seeder.seed(dir)).toMatchObject({ updated: 0, suggested: 1 });
      expect((await rowOf('content-pending')).title_ru).toBe('Первая редакция');
      const [suggestion] = await app.get(SuggestedUpdatesService).listPending(row.id);
      expect(suggestion.changedFields).toEqual(expect.arrayContaining(['title.ru']));

      // discarded, nobody has changed the entry: the next run brings it to its file, and the suggestion is done with
      await pendingChanges.discard(row.id, { kind: 'any' }, editor);
      expect(await seeder.seed(dir)).toMatchObject({ updated: 1, suggested: 0 });
      expect((await rowOf('content-pending')).title_ru).toBe('Вторая редакция');
      expect(await app.get(SuggestedUpdatesService).listPending(row.id)).toEqual([]);
    });

    it('brings an entry written from a numbered release up to its file, and never re-suggests content an editor resolved', async () => {
      const seeder = app.get(CatalogueSeeder);
      write('content-legacy', body('Редакция из файла'));
      expect(await seeder.seed(dir)).toMatchObject({ programmes: 1 });
      // as the migration leaves a row that release 2 wrote
      await ds.query(`UPDATE programme SET catalogue_hash = 'release-2' WHERE slug = 'content-legacy'`);
      expect(await seeder.seed(dir)).toMatchObject({ updated: 1, suggested: 0 });
      const file = loadShippedCatalogue(dir).programmes.find((p) => p.body.slug === 'content-legacy')!;
      expect((await rowOf('content-legacy')).catalogue_hash).toBe(file.contentHash);
      // the edited entry's applied content is not suggested again
      await ds.query(`UPDATE programme SET catalogue_hash = 'release-2' WHERE slug = 'content-edited'`);
      expect(await seeder.seed(dir)).toMatchObject({ updated: 0, suggested: 0 });
    });
  });

  describe('publishing', () => {
    it('refuses to publish an entry with no source, no application step and no way to act, naming the fields', async () => {
      const service = app.get(ProgrammesService);
      const draft = await service.create(plainToInstance(CreateProgrammeDto, programmeInput({ application: {}, curation: {} })), editor);
      await expect(service.transition(draft.id, exactVersion(draft.version), 'publish', editor)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [
          { field: 'curation.sources', messages: ['add at least one source before publishing'] },
          { field: 'application.steps', messages: ['add at least one application step before publishing'] },
          { field: 'application.applyUrl', messages: [expect.stringContaining('official contact')] },
        ],
      });
      const published = await service.create(plainToInstance(CreateProgrammeDto, programmeInput()), editor);
      const live = await service.transition(published.id, exactVersion(published.version), 'publish', editor);
      // nor can a published entry lose its last source
      await expect(
        service.update(live.id, exactVersion(live.version), plainToInstance(UpdateProgrammeDto, { curation: { sources: [] } }), editor),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('refuses a key fact or a round citing a source the entry does not have, and an apply link to a news site', async () => {
      const service = app.get(ProgrammesService);
      const input = programmeInput({
        keyFacts: [{ group: 'benefit', label: { ru: 'Сумма' }, value: { ru: 'до 1 млн ₽' }, source: 'nowhere' }],
        timing: { availability: { kind: 'rounds', rounds: [{ opensAt: '2026-01-01T00:00:00Z', source: 'elsewhere' }] } },
        application: { applyUrl: 'https://www.m24.ru/news/some-article', steps: [{ text: { ru: 'Шаг' } }] },
      });
      await expect(service.create(plainToInstance(CreateProgrammeDto, input), editor)).rejects.toMatchObject({
        details: expect.arrayContaining([
          expect.objectContaining({ field: 'keyFacts.0.source' }),
          expect.objectContaining({ field: 'timing.availability.rounds.0.source' }),
          expect.objectContaining({ field: 'application.applyUrl' }),
        ]),
      });
    });
  });

  describe('status', () => {
    const jobAt = (clock: Clock) => {
      const original = app.get(ProgrammeStatusJob);
      return new ProgrammeStatusJob(original['dataSource'], original['programmes'], original['revisions'], clock);
    };

    it('the scheduled job moves rounds to open and closed as their dates pass, each move a revision', async () => {
      const service = app.get(ProgrammesService);
      const created = await service.create(
        plainToInstance(CreateProgrammeDto, programmeInput(round('2030-01-10T00:00:00Z', '2030-02-10T00:00:00Z'))),
        SYSTEM_SEED,
      );
      expect(created.timing).toMatchObject({ status: 'upcoming', opensAt: '2030-01-10T00:00:00.000Z' });
      const clock = new FakeClock(new Date('2030-01-20T00:00:00Z'));
      const job = jobAt(clock);

      // (shipped entries with rounds and dated terms move too, years from now)
      expect(await job.run()).toBeGreaterThanOrEqual(1);
      const opened = await service.getForAdmin(created.id);
      expect(opened.timing.status).toBe('open');
      // a move is a version with a revision: the feed and ETags hear of it
      expect(opened.version).toBe(created.version + 1);
      const [last] = await service.listRevisions(created.id);
      expect([last.version, last.action, last.actor.label, last.changedFields]).toEqual([
        opened.version,
        'refresh',
        'system:status',
        ['timing.status'],
      ]);

      clock.current = new Date('2030-03-01T00:00:00Z');
      await job.run();
      expect((await service.getForAdmin(created.id)).timing.status).toBe('closed');
      expect(await job.run()).toBe(0);
    });

    it('the job drops the amount of terms that have just become past terms', async () => {
      const service = app.get(ProgrammesService);
      const created = await service.create(
        plainToInstance(
          CreateProgrammeDto,
          programmeInput({
            keyFacts: [
              {
                group: 'benefit',
                label: { ru: 'Кредит' },
                value: { ru: 'до 300 млн ₽ в 2030 году' },
                number: 300_000_000,
                unit: 'rub',
                asOf: '2026-01-15',
                termsYear: 2030,
                source: 's1',
              },
            ],
          }),
        ),
        SYSTEM_SEED,
      );
      expect(created.benefit.amountMax).toBe(300_000_000);
      const job = jobAt(new FakeClock(new Date('2031-01-02T00:00:00Z')));
      expect(await job.run()).toBeGreaterThanOrEqual(1);
      const after = await service.getForAdmin(created.id);
      expect(after.benefit.amountMax).toBeNull();
      expect((await service.listRevisions(created.id))[0].changedFields).toEqual(['benefit.amountMax']);
    });
  });

  describe('revisions', () => {
    it('each change records who, what changed and the full snapshot', async () => {
      const service = app.get(ProgrammesService);
      const actor = { id: null, label: 'test:editor' };
      const created = await service.create(plainToInstance(CreateProgrammeDto, programmeInput()), actor);
      const updated = await service.update(
        created.id,
        exactVersion(created.version),
        plainToInstance(CreateProgrammeDto, { summary: { en: 'Changed' }, benefit: { amountMax: 5_000_000 } }),
        actor,
      );
      const published = await service.transition(updated.id, exactVersion(updated.version), 'publish', actor);
      const revisions = await service.listRevisions(created.id);
      expect(revisions.map((r) => [r.version, r.action, r.actor.label])).toEqual([
        [3, 'publish', 'test:editor'],
        [2, 'update', 'test:editor'],
        [1, 'create', 'test:editor'],
      ]);
      expect(revisions[1].changedFields.sort()).toEqual(['benefit.amountMax', 'summary.en']);
      expect(revisions[0].changedFields).toEqual(expect.arrayContaining(['publicationState', 'publishedAt']));
      expect(revisions[0].snapshot).toEqual(JSON.parse(JSON.stringify(published)));
    });
  });
});
