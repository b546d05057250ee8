import request from 'supertest';
import { DataSource } from 'typeorm';
import { CatalogueSeeder, ProgrammeTransferService, toRecord } from '@app/catalogue';
import { SHIPPED_PROGRAMMES } from './support/shipped';
import { programmeInput } from '@app/testing';
import { createTestApp, TestApp } from './support/test-app';
import { createProgrammeViaApi, patchAndPublish } from './support/programmes';

describe('admin API (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    [editor, admin] = await Promise.all([t.tokenFor('editor'), t.tokenFor('admin')]);
  });
  afterAll(() => t.close());

  const api = () => request(t.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  describe('sign-in', () => {
    it('issues a token that works until logout revokes it', async () => {
      const token = await t.tokenFor('editor');
      const me = await api().get('/api/v1/auth/me').set(as(token)).expect(200);
      expect(me.body.role).toBe('editor');
      await api().post('/api/v1/auth/logout').set(as(token)).expect(204);
      const after = await api().get('/api/v1/auth/me').set(as(token)).expect(401);
      expect(after.body.code).toBe('AUTH.INVALID_TOKEN');
    });

    it('gives one generic answer for a wrong password and an unknown email', async () => {
      const wrong = await api().post('/api/v1/auth/login').send({ email: 'nobody@example.org', password: 'whatever-password' }).expect(401);
      expect(wrong.body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS', message: 'Email or password is incorrect' });
    });

    it('rejects a malformed Authorization header with 401', async () => {
      await api().get('/api/v1/admin/programmes').set('Authorization', 'Basic abc').expect(401);
    });
  });

  describe('programmes', () => {
    it('creates a draft with an ETag, and an editor can publish it into the public catalogue', async () => {
      const body = programmeInput({ benefit: { amountMin: 100000, amountMax: 5000000, text: { ru: 'До 5 млн рублей' } } });
      const created = await api().post('/api/v1/admin/programmes').set(as(editor)).send(body).expect(201);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toMatchObject({
        slug: body.slug,
        publicationState: 'draft',
        version: 1,
        benefit: { amountMin: 100000, amountMax: 5000000 },
      });
      await api().get(`/api/v1/programmes/${body.slug}`).expect(404);

      const published = await api()
        .post(`/api/v1/admin/programmes/${created.body.id}/publish`)
        .set(as(editor))
        .set('If-Match', created.headers.etag)
        .expect(200);
      expect(published.headers.etag).toBe('"2"');
      await api().get(`/api/v1/programmes/${body.slug}`).expect(200);

      await api().post(`/api/v1/admin/programmes/${created.body.id}/unpublish`).set(as(editor)).set('If-Match', '"2"').expect(200);
      await api().get(`/api/v1/programmes/${body.slug}`).expect(404);
    });

    it('needs If-Match to change a programme: missing → 428, stale → 412, current → 200', async () => {
      const created = await api().post('/api/v1/admin/programmes').set(as(editor)).send(programmeInput()).expect(201);
      const url = `/api/v1/admin/programmes/${created.body.id}`;
      const missing = await api()
        .patch(url)
        .set(as(editor))
        .send({ title: { ru: 'Новое' } })
        .expect(428);
      expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
      await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', '1')
        .send({ title: { ru: 'Новое' } })
        .expect(412);
      const ok = await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', '"1"')
        .send({ title: { ru: 'Новое' } })
        .expect(200);
      expect(ok.body.title).toEqual({ ru: 'Новое', en: 'Test support programme' });
      expect(ok.headers.etag).toBe('"2"');
      const stale = await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', '"1"')
        .send({ title: { ru: 'Старое' } })
        .expect(412);
      expect(stale.body).toMatchObject({ code: 'PROGRAMME.VERSION_CONFLICT', details: { yourVersion: 1, currentVersion: 2 } });
      const stored = await api().get(url).set(as(editor)).expect(200);
      expect(stored.body.title.ru).toBe('Новое');
    });

    it('two editors saving the same version at once: exactly one wins, nothing is overwritten', async () => {
      const created = await api().post('/api/v1/admin/programmes').set(as(editor)).send(programmeInput()).expect(201);
      const url = `/api/v1/admin/programmes/${created.body.id}`;
      const otherEditor = await t.tokenFor('editor');
      const [a, b] = await Promise.all([
        api()
          .patch(url)
          .set(as(editor))
          .set('If-Match', '"1"')
          .send({ summary: { ru: 'Версия редактора А' } }),
        api()
          .patch(url)
          .set(as(otherEditor))
          .set('If-Match', '"1"')
          .send({ summary: { ru: 'Версия редактора Б' } }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const winner = a.status === 200 ? a : b;
      const stored = await api().get(url).set(as(editor)).expect(200);
      expect(stored.body.summary.ru).toBe(winner.body.summary.ru);
      expect(stored.body.version).toBe(2);
      const revisions = await api().get(`${url}/revisions`).set(as(editor)).expect(200);
      expect(revisions.body.map((r: { version: number }) => r.version)).toEqual([2, 1]);
      expect(revisions.body[0].snapshot.summary.ru).toBe(winner.body.summary.ru);
      expect(revisions.body[0].changedFields).toEqual(['summary.ru']);
    });

    it('records who changed what in the revision history', async () => {
      const created = await api().post('/api/v1/admin/programmes').set(as(editor)).send(programmeInput()).expect(201);
      const url = `/api/v1/admin/programmes/${created.body.id}`;
      await api()
        .patch(url)
        .set(as(admin))
        .set('If-Match', '"1"')
        .send({ supportTypes: ['grant_subsidy', 'consulting'] })
        .expect(200);
      await api().post(`${url}/archive`).set(as(editor)).set('If-Match', '"2"').expect(200);
      await api().post(`${url}/restore`).set(as(editor)).set('If-Match', '"3"').expect(200);
      const revisions = await api().get(`${url}/revisions`).set(as(editor)).expect(200);
      expect(revisions.body.map((r: { action: string }) => r.action)).toEqual(['restore', 'archive', 'update', 'create']);
      expect(revisions.body[2].actor.label).toMatch(/^admin-/);
      expect(revisions.body[2].changedFields).toEqual(['supportTypes']);
      expect(revisions.body[3].actor.label).toMatch(/^editor-/);
    });

    it("restores an old revision's content as a new version, keeping the publication state", async () => {
      const created = await api().post('/api/v1/admin/programmes').set(as(editor)).send(programmeInput()).expect(201);
      const url = `/api/v1/admin/programmes/${created.body.id}`;
      await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', '"1"')
        .send({ summary: { ru: 'Новое описание' }, supportTypes: ['consulting'] })
        .expect(200);
      await api().post(`${url}/publish`).set(as(editor)).set('If-Match', '"2"').expect(200);
      // an old version needs the current ETag, like any change
      await api().post(`${url}/revisions/1/restore`).set(as(editor)).expect(428);
      await api().post(`${url}/revisions/1/restore`).set(as(editor)).set('If-Match', '"2"').expect(412);
      // a published entry: the old content becomes its pending change, never live by itself
      const restored = await api().post(`${url}/revisions/1/restore`).set(as(editor)).set('If-Match', '"3"').expect(202);
      expect(restored.headers['content-location']).toBe(`${url}/pending-change`);
      expect(restored.body.programme).toMatchObject({ summary: created.body.summary, supportTypes: created.body.supportTypes });
      expect((await api().get(`/api/v1/programmes/${created.body.slug}`).expect(200)).body.summary.ru).toBe('Новое описание');
      const published = await api()
        .post(`${url}/pending-change/publish`)
        .set(as(editor))
        .set('If-Match', restored.headers.etag)
        .expect(200);
      expect(published.headers.etag).toBe('"4"');
      expect(published.body).toMatchObject({
        version: 4,
        publicationState: 'published',
        summary: created.body.summary,
        supportTypes: created.body.supportTypes,
      });
      const revisions = await api().get(`${url}/revisions`).set(as(editor)).expect(200);
      expect(revisions.body[0]).toMatchObject({ version: 4, action: 'update' });
      expect(revisions.body[0].changedFields).toEqual(expect.arrayContaining(['summary.ru', 'supportTypes']));
      const missing = await api().post(`${url}/revisions/99/restore`).set(as(editor)).set('If-Match', '"4"').expect(404);
      expect(missing.body.code).toBe('PROGRAMME.REVISION_NOT_FOUND');
      const bad = await api().post(`${url}/revisions/first/restore`).set(as(editor)).set('If-Match', '"4"').expect(400);
      expect(bad.body.details[0].field).toBe('version');
    });

    it('refuses transitions that make no sense with 409', async () => {
      const created = await api().post('/api/v1/admin/programmes').set(as(editor)).send(programmeInput()).expect(201);
      const res = await api()
        .post(`/api/v1/admin/programmes/${created.body.id}/unpublish`)
        .set(as(editor))
        .set('If-Match', '"1"')
        .expect(409);
      expect(res.body.code).toBe('PROGRAMME.INVALID_TRANSITION');
    });

    it('refuses a duplicate slug with 409, also when two creations race', async () => {
      const body = programmeInput();
      await api().post('/api/v1/admin/programmes').set(as(editor)).send(body).expect(201);
      const dup = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(programmeInput({ slug: body.slug }))
        .expect(409);
      expect(dup.body).toMatchObject({ code: 'PROGRAMME.SLUG_TAKEN', details: [{ field: 'slug' }] });
      const racing = programmeInput();
      const results = await Promise.all([1, 2, 3].map(() => api().post('/api/v1/admin/programmes').set(as(editor)).send(racing)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    });

    it('names the field when a taxonomy code, provider or range is wrong, and writes nothing', async () => {
      const ds = t.app.get(DataSource);
      const [{ n: before }] = await ds.query('SELECT count(*)::int AS n FROM programme');
      const res = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(programmeInput({ supportTypes: ['grant_subsidy', 'free_money'], provider: 'no-such-org' }))
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'provider', messages: ['unknown organisation "no-such-org"'] }]);
      const codes = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(programmeInput({ supportTypes: ['free_money'] }))
        .expect(400);
      expect(codes.body.details).toEqual([{ field: 'supportTypes', messages: ['unknown support_type code "free_money"'] }]);
      const several = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(
          programmeInput({
            industries: ['electronics', 'space_mining'],
            eligibility: { criteria: { territories: ['moscow', 'atlantis'] } },
          }),
        )
        .expect(400);
      expect(several.body.details).toEqual([
        { field: 'industries', messages: ['unknown industry code "space_mining"'] },
        { field: 'eligibility.criteria.territories', messages: ['unknown territory code "atlantis"'] },
      ]);
      const range = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(
          programmeInput({
            benefit: { amountMin: 10, amountMax: 5 },
            timing: { opensAt: '2030-02-01T00:00:00Z', closesAt: '2030-01-01T00:00:00Z' },
          }),
        )
        .expect(400);
      expect(range.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['benefit.amountMin', 'timing.opensAt']);
      const [{ n: after }] = await ds.query('SELECT count(*)::int AS n FROM programme');
      expect(after).toBe(before);
    });

    it('an admin deletes with If-Match; the slug is free again and the history stays', async () => {
      const body = programmeInput();
      const created = await api().post('/api/v1/admin/programmes').set(as(editor)).send(body).expect(201);
      await api().delete(`/api/v1/admin/programmes/${created.body.id}`).set(as(admin)).set('If-Match', '"1"').expect(204);
      await api().get(`/api/v1/admin/programmes/${created.body.id}`).set(as(admin)).expect(404);
      await api().post('/api/v1/admin/programmes').set(as(editor)).send(body).expect(201);
      const [{ n }] = await t.app
        .get(DataSource)
        .query('SELECT count(*)::int AS n FROM programme_revision WHERE programme_id = $1', [created.body.id]);
      expect(n).toBe(2);
    });

    it('filters the admin list by publication state and by the age of the sources', async () => {
      const drafts = await api().get('/api/v1/admin/programmes?publicationState=draft&perPage=100').set(as(editor)).expect(200);
      expect(drafts.body.items.every((p: { publicationState: string }) => p.publicationState === 'draft')).toBe(true);
      const old = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(
          programmeInput({
            curation: {
              sources: [
                { key: 'old', title: { ru: 'Старая страница' }, url: 'https://mos.ru/old', publisher: 'mos.ru', publishedOn: '2019-03-01' },
              ],
            },
          }),
        )
        .expect(201);
      const fresh = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(
          programmeInput({
            curation: {
              sources: [
                {
                  key: 'new',
                  title: { ru: 'Свежая страница' },
                  url: 'https://mos.ru/new',
                  publisher: 'mos.ru',
                  publishedOn: new Date().toISOString().slice(0, 10),
                },
              ],
            },
          }),
        )
        .expect(201);
      expect(old.body.curation).toMatchObject({ newestSourceOn: '2019-03-01', lastCheckedOn: null });
      const outdated = await api().get('/api/v1/admin/programmes?outdated=true&perPage=100').set(as(editor)).expect(200);
      const slugs = outdated.body.items.map((p: { slug: string }) => p.slug);
      expect(slugs).toContain(old.body.slug);
      expect(slugs).not.toContain(fresh.body.slug);
      const pending = await api().get('/api/v1/admin/programmes?pendingUpdate=true&perPage=100').set(as(editor)).expect(200);
      expect(pending.body.items).toEqual([]);
    });
  });

  describe('pending changes of published programmes', () => {
    const publishedProgramme = async (title = 'Опубликованная программа') => {
      const p = await createProgrammeViaApi(t.http, editor, programmeInput({ title: { ru: title, en: 'Published programme' } }));
      return { ...p, url: `/api/v1/admin/programmes/${p.id}` };
    };
    const outboxRows = async (id: string): Promise<number> =>
      (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM search_outbox WHERE programme_id = $1`, [id]))[0].n;

    it('keeps the published version public (API, search, change feed) until the pending change is published', async () => {
      const p = await publishedProgramme('Грант на станки');
      const feed = await api().get('/api/v1/changes').query({ limit: 1000 }).expect(200);
      const outboxBefore = await outboxRows(p.id);

      const patched = await api()
        .patch(p.url)
        .set(as(editor))
        .set('If-Match', `"${p.version}"`)
        .send({ title: { ru: 'Грант на фрезеровальные станки' }, summary: { ru: 'Новое краткое описание' } })
        .expect(202);
      expect(patched.headers.etag).toBe('"p1"');
      expect(patched.headers['content-location']).toBe(`${p.url}/pending-change`);
      expect(patched.body).toMatchObject({
        state: 'open',
        etag: 'p1',
        baseVersion: p.version,
        publishedVersion: p.version,
        outdated: false,
        conflicts: [],
        programme: { title: { ru: 'Грант на фрезеровальные станки' }, version: p.version },
      });
      expect(patched.body.changes.map((c: { field: string }) => c.field)).toEqual(['title.ru', 'summary.ru']);
      expect(patched.body.changes[0]).toMatchObject({ published: 'Грант на станки', pending: 'Грант на фрезеровальные станки' });

      // nothing public moved: the programme, its ETag, search (nothing queued for either engine) and the feed
      const pub = await api().get(`/api/v1/programmes/${p.slug}`).expect(200);
      expect(pub.body.title.ru).toBe('Грант на станки');
      expect(pub.body.version).toBe(p.version);
      const found = await api().get('/api/v1/programmes').query({ q: 'фрезеровальные' }).expect(200);
      expect(found.body.hits.map((h: { slug: string }) => h.slug)).not.toContain(p.slug);
      expect(await outboxRows(p.id)).toBe(outboxBefore);
      const after = await api().get('/api/v1/changes').query({ since: feed.body.next, limit: 1000 }).expect(200);
      expect(after.body.events.filter((e: { id: string }) => e.id === p.id)).toEqual([]);
      // the admin view of the entry is the published one too; the pending change is its own resource
      expect((await api().get(p.url).set(as(editor)).expect(200)).body.title.ru).toBe('Грант на станки');
      const pending = await api().get(`${p.url}/pending-change`).set(as(editor)).expect(200);
      expect(pending.headers.etag).toBe('"p1"');
      const listed = await api().get('/api/v1/admin/pending-changes').set(as(editor)).expect(200);
      expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ programmeId: p.id, etag: 'p1' })]));

      // published: now everything shows it
      const published = await api().post(`${p.url}/pending-change/publish`).set(as(editor)).set('If-Match', '"p1"').expect(200);
      expect(published.headers.etag).toBe(`"${p.version + 1}"`);
      expect((await api().get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('Грант на фрезеровальные станки');
      const hits = (await api().get('/api/v1/programmes').query({ q: 'фрезеровальные' }).expect(200)).body.hits;
      expect(hits.map((h: { slug: string }) => h.slug)).toContain(p.slug);
      expect(await outboxRows(p.id)).toBeGreaterThan(outboxBefore);
      const events = (await api().get('/api/v1/changes').query({ since: feed.body.next, limit: 1000 }).expect(200)).body.events;
      expect(events.filter((e: { id: string }) => e.id === p.id).map((e: { type: string }) => e.type)).toEqual(['updated']);
      await api().get(`${p.url}/pending-change`).set(as(editor)).expect(404);
      const revisions = (await api().get(`${p.url}/revisions`).set(as(editor)).expect(200)).body;
      expect(revisions[0]).toMatchObject({ version: p.version + 1, action: 'update', changedFields: ['title.ru', 'summary.ru'] });
    });

    it('saves a draft at once, as before', async () => {
      const draft = await createProgrammeViaApi(t.http, editor, programmeInput(), false);
      const res = await api()
        .patch(`/api/v1/admin/programmes/${draft.id}`)
        .set(as(editor))
        .set('If-Match', '"1"')
        .send({ title: { ru: 'Черновик, сразу' } })
        .expect(200);
      expect(res.body).toMatchObject({ version: 2, title: { ru: 'Черновик, сразу' } });
    });

    it('two editors changing the same pending change conflict as two saves of an entry do; nothing is overwritten', async () => {
      const p = await publishedProgramme();
      const published = await api().get(`/api/v1/programmes/${p.slug}`).expect(200);
      const other = await t.tokenFor('editor');
      await api()
        .patch(p.url)
        .set(as(editor))
        .set('If-Match', `"${p.version}"`)
        .send({ summary: { ru: 'Первая правка' } })
        .expect(202);
      // someone who read the entry before the pending change existed is told where the work is
      const open = await api()
        .patch(p.url)
        .set(as(other))
        .set('If-Match', `"${p.version}"`)
        .send({ summary: { ru: 'Мимо' } })
        .expect(409);
      expect(open.body).toMatchObject({ code: 'PENDING_CHANGE.OPEN', details: { pendingVersion: 'p1' } });
      const [a, b] = await Promise.all([
        api()
          .patch(p.url)
          .set(as(editor))
          .set('If-Match', '"p1"')
          .send({ summary: { ru: 'Правка редактора А' } }),
        api()
          .patch(`${p.url}/pending-change`)
          .set(as(other))
          .set('If-Match', '"p1"')
          .send({ summary: { ru: 'Правка редактора Б' } }),
      ]);
      // exactly one wins (the pending change's own route answers 200, the entry's 202), the other is told it is stale
      const statuses = [a.status, b.status];
      expect(statuses.filter((x) => x === 412)).toHaveLength(1);
      const [winner, loser] = a.status === 412 ? [b, a] : [a, b];
      expect(loser.body).toMatchObject({ code: 'PENDING_CHANGE.VERSION_CONFLICT', details: { yourVersion: 'p1', currentVersion: 'p2' } });
      const current = await api().get(`${p.url}/pending-change`).set(as(editor)).expect(200);
      expect(current.body.programme.summary.ru).toBe(winner.body.programme.summary.ru);
      // the loser reapplies on what they now read, and becomes an author
      await api()
        .patch(`${p.url}/pending-change`)
        .set(as(other))
        .set('If-Match', '"p2"')
        .send({ benefit: { termMonths: 12 } })
        .expect(200);
      const both = await api().get(`${p.url}/pending-change`).set(as(editor)).expect(200);
      expect(both.body.authors).toHaveLength(2);
      expect(both.body.programme).toMatchObject({ summary: { ru: winner.body.programme.summary.ru }, benefit: { termMonths: 12 } });
      await api().post(`${p.url}/pending-change/publish`).set(as(editor)).set('If-Match', '"p1"').expect(412);
      // the entry's own ETag never publishes a pending change, and a pending ETag never moves the entry
      await api().post(`${p.url}/pending-change/publish`).set(as(editor)).set('If-Match', `"${p.version}"`).expect(412);
      await api().delete(`${p.url}/pending-change`).set(as(editor)).set('If-Match', '"p3"').expect(204);
      expect((await api().get(`/api/v1/programmes/${p.slug}`).expect(200)).body.summary).toEqual(published.body.summary);
      await api().get(`${p.url}/pending-change`).set(as(editor)).expect(404);
      // a new pending change never reuses a number: an old ETag cannot match it
      const again = await api()
        .patch(p.url)
        .set(as(editor))
        .set('If-Match', `"${p.version}"`)
        .send({ summary: { ru: 'Снова' } })
        .expect(202);
      expect(again.body.etag).toBe('p4');
    });

    it('keeps a pending change through an unpublish; the draft is then edited directly, and the change is applied only on request', async () => {
      const p = await publishedProgramme();
      await api()
        .patch(p.url)
        .set(as(editor))
        .set('If-Match', `"${p.version}"`)
        .send({ summary: { ru: 'Подготовлено' } })
        .expect(202);
      // taking the entry down never waits for its pending change
      const down = await api().post(`${p.url}/unpublish`).set(as(editor)).set('If-Match', `"${p.version}"`).expect(200);
      const draft = await api()
        .patch(p.url)
        .set(as(editor))
        .set('If-Match', down.headers.etag)
        .send({ benefit: { termMonths: 6 } })
        .expect(200);
      const kept = await api().get(`${p.url}/pending-change`).set(as(editor)).expect(200);
      expect(kept.body).toMatchObject({ publicationState: 'draft', outdated: true, conflicts: [] });
      const applied = await api().post(`${p.url}/pending-change/publish`).set(as(editor)).set('If-Match', '"p1"').expect(200);
      expect(applied.body).toMatchObject({
        publicationState: 'draft',
        version: draft.body.version + 1,
        summary: { ru: 'Подготовлено' },
        benefit: { termMonths: 6 },
      });
      await api().get(`/api/v1/programmes/${p.slug}`).expect(404);
    });

    it('merges what was saved to the entry since the change was made, and asks only where both changed a field', async () => {
      const p = await publishedProgramme();
      await api()
        .patch(p.url)
        .set(as(editor))
        .set('If-Match', `"${p.version}"`)
        .send({ title: { ru: 'Название из правки' }, benefit: { termMonths: 24 } })
        .expect(202);
      // meanwhile the entry itself changes (as an import or the shipped catalogue may), in another field
      await importRow(p.slug, { summary: { ru: 'Сводка из импорта', en: null } });
      const outdated = await api().get(`${p.url}/pending-change`).set(as(editor)).expect(200);
      expect(outdated.body).toMatchObject({ outdated: true, conflicts: [], baseVersion: p.version, publishedVersion: p.version + 1 });
      expect(outdated.body.programme).toMatchObject({ title: { ru: 'Название из правки' }, summary: { ru: 'Сводка из импорта' } });
      // and then in a field the change changes too
      await importRow(p.slug, {
        summary: { ru: 'Сводка из импорта', en: null },
        title: { ru: 'Название из импорта', en: 'Published programme' },
      });
      const conflicting = await api().get(`${p.url}/pending-change`).set(as(editor)).expect(200);
      expect(conflicting.body.conflicts).toEqual(['title.ru']);
      const refused = await api().post(`${p.url}/pending-change/publish`).set(as(editor)).set('If-Match', '"p1"').expect(409);
      expect(refused.body).toMatchObject({ code: 'PENDING_CHANGE.CONFLICT', details: [{ field: 'title.ru' }] });
      const unchosen = await api().post(`${p.url}/pending-change/rebase`).set(as(editor)).set('If-Match', '"p1"').send({}).expect(400);
      expect(unchosen.body.details).toEqual([{ field: 'choices.title.ru', messages: ['choose "pending" or "published"'] }]);
      const rebased = await api()
        .post(`${p.url}/pending-change/rebase`)
        .set(as(editor))
        .set('If-Match', '"p1"')
        .send({ choices: { 'title.ru': 'pending' } })
        .expect(200);
      expect(rebased.body).toMatchObject({ etag: 'p2', outdated: false, conflicts: [], baseVersion: p.version + 2 });
      const published = await api().post(`${p.url}/pending-change/publish`).set(as(editor)).set('If-Match', '"p2"').expect(200);
      expect(published.body).toMatchObject({
        title: { ru: 'Название из правки' },
        summary: { ru: 'Сводка из импорта' },
        benefit: { termMonths: 24 },
      });
    });

    it('publishes a change of a programme whose parent was deleted meanwhile, leaving the parent as it is', async () => {
      const parent = await publishedProgramme('Родительская программа');
      const child = await createProgrammeViaApi(
        t.http,
        editor,
        programmeInput({ title: { ru: 'Дочерняя программа', en: 'Child programme' }, parent: parent.slug }),
      );
      await api().delete(parent.url).set(as(admin)).set('If-Match', `"${parent.version}"`).expect(204);
      const url = `/api/v1/admin/programmes/${child.id}`;
      const current = await api().get(url).set(as(editor)).expect(200);
      await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', current.headers.etag)
        .send({ summary: { ru: 'Первая правка' } })
        .expect(202);
      // a second save of the open change applies its stored content again: the parent is not looked up either
      await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', '"p1"')
        .send({ summary: { en: 'A second edit' } })
        .expect(202);
      const published = await api().post(`${url}/pending-change/publish`).set(as(editor)).set('If-Match', '"p2"').expect(200);
      expect(published.body.summary).toMatchObject({ ru: 'Первая правка', en: 'A second edit' });
      // naming a parent that is gone is still refused
      const refused = await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', `"${published.body.version}"`)
        .send({ parent: parent.slug })
        .expect(400);
      expect(refused.body.details).toEqual([{ field: 'parent', messages: [`unknown programme "${parent.slug}"`] }]);
    });

    it('saves and publishes a change opened before the programme’s parent was renamed, then deleted', async () => {
      const parent = await publishedProgramme('Родитель, переименованный и удалённый позже');
      const child = await createProgrammeViaApi(
        t.http,
        editor,
        programmeInput({ title: { ru: 'Дочерняя программа с правкой', en: 'Child with a change' }, parent: parent.slug }),
      );
      const url = `/api/v1/admin/programmes/${child.id}`;
      const current = await api().get(url).set(as(editor)).expect(200);
      expect(current.body.parent).toBe(parent.slug);
      // the open change holds the parent's slug, as the entry had it
      const opened = await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', current.headers.etag)
        .send({ summary: { ru: 'Правка до переименования родителя' } })
        .expect(202);
      const renamed = await patchAndPublish(t.http, editor, parent.id, `"${parent.version}"`, { slug: `${parent.slug}-renamed` });
      // saving the open change again does not look up the parent it never changed (it was a 400: unknown programme)
      const resaved = await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', opened.headers.etag)
        .send({ summary: { en: 'An edit after the rename' } })
        .expect(202);
      expect(resaved.body.programme.parent).toBe(`${parent.slug}-renamed`);
      await api().delete(parent.url).set(as(admin)).set('If-Match', renamed.etag).expect(204);
      const edited = await api()
        .patch(url)
        .set(as(editor))
        .set('If-Match', resaved.headers.etag)
        .send({ summary: { en: 'An edit after the parent went' } })
        .expect(202);
      const published = await api().post(`${url}/pending-change/publish`).set(as(editor)).set('If-Match', edited.headers.etag).expect(200);
      expect(published.body.summary).toMatchObject({ ru: 'Правка до переименования родителя', en: 'An edit after the parent went' });
      // the reference stays as it was: the entry was never moved
      const [{ parent_id }] = await t.app.get(DataSource).query(`SELECT parent_id FROM programme WHERE id = $1`, [child.id]);
      expect(parent_id).toBe(parent.id);
    });

    /** Changes a published entry the way a bulk import does (straight to the entry). */
    async function importRow(slug: string, fields: Record<string, unknown>): Promise<void> {
      const [row] = await t.app.get(DataSource).query(`SELECT id FROM programme WHERE slug = $1`, [slug]);
      const current = (await api().get(`/api/v1/admin/programmes/${row.id}`).set(as(editor)).expect(200)).body;
      const record = { ...toRecord(current), ...fields };
      const report = await t.app
        .get(ProgrammeTransferService)
        .import([{ row: 1, record, problems: [] }], { apply: true, actor: { id: null, label: 'system:import test' } });
      expect(report.counts).toMatchObject({ update: 1, invalid: 0 });
    }
  });

  describe('suggested catalogue updates', () => {
    const shippedTitle = (slug: string) => SHIPPED_PROGRAMMES.find((e) => e.slug === slug)!.title.ru;
    /** An editor changes a shipped entry; its file then changes (as far as the row knows) and the seed runs. */
    const editAndReseed = async (slug: string) => {
      const [row] = await t.app.get(DataSource).query(`SELECT id, version FROM programme WHERE slug = $1`, [slug]);
      await patchAndPublish(t.http, editor, row.id, `"${row.version}"`, { title: { ru: `Правка: ${slug}` } });
      await t.app.get(DataSource).query(`UPDATE programme SET catalogue_hash = 'an-older-content' WHERE id = $1`, [row.id]);
      await t.app.get(CatalogueSeeder).seed();
      return row.id as string;
    };

    it('lists a pending update, refuses a stale apply and applies it with the current ETag', async () => {
      const id = await editAndReseed('sme-premises');
      const listed = await api().get(`/api/v1/admin/programmes/${id}/suggested-updates`).set(as(editor)).expect(200);
      expect(listed.body).toEqual([
        expect.objectContaining({ release: null, changedFields: ['title.ru'], contentHash: expect.any(String) }),
      ]);
      const pending = await api().get('/api/v1/admin/programmes?pendingUpdate=true&perPage=100').set(as(editor)).expect(200);
      expect(pending.body.items.map((p: { id: string }) => p.id)).toContain(id);
      const current = await api().get(`/api/v1/admin/programmes/${id}`).set(as(editor)).expect(200);
      const url = `/api/v1/admin/programmes/${id}/suggested-updates/${listed.body[0].id}/apply`;
      await api()
        .post(url)
        .set(as(editor))
        .set('If-Match', `"${current.body.version - 1}"`)
        .expect(412);
      await api().post(url).set(as(editor)).expect(428);
      // a published entry: the shipped content goes into its pending change, live once that is published
      const applied = await api().post(url).set(as(editor)).set('If-Match', current.headers.etag).expect(202);
      expect(applied.body.programme.title.ru).toBe(shippedTitle('sme-premises'));
      expect((await api().get(`/api/v1/admin/programmes/${id}/suggested-updates`).set(as(editor)).expect(200)).body).toEqual([]);
      expect((await api().get(`/api/v1/admin/programmes/${id}`).set(as(editor)).expect(200)).body.title.ru).toBe('Правка: sme-premises');
      const published = await api()
        .post(`/api/v1/admin/programmes/${id}/pending-change/publish`)
        .set(as(editor))
        .set('If-Match', applied.headers.etag)
        .expect(200);
      expect(published.body.title.ru).toBe(shippedTitle('sme-premises'));
    });

    it('dismisses an update, keeping the editor’s change; an unknown one is a 404', async () => {
      const id = await editAndReseed('sme-consulting');
      const [suggestion] = (await api().get(`/api/v1/admin/programmes/${id}/suggested-updates`).set(as(editor)).expect(200)).body;
      await api().post(`/api/v1/admin/programmes/${id}/suggested-updates/${suggestion.id}/dismiss`).set(as(editor)).expect(204);
      expect((await api().get(`/api/v1/admin/programmes/${id}`).set(as(editor)).expect(200)).body.title.ru).toBe('Правка: sme-consulting');
      const again = await api()
        .post(`/api/v1/admin/programmes/${id}/suggested-updates/${suggestion.id}/dismiss`)
        .set(as(editor))
        .expect(404);
      expect(again.body.code).toBe('SUGGESTED_UPDATE.NOT_FOUND');
    });
  });

  describe('organisations and taxonomy (admin only)', () => {
    it('creates, updates with If-Match and deletes an organisation; one in use cannot go', async () => {
      const created = await api()
        .post('/api/v1/admin/organisations')
        .set(as(admin))
        .send({ slug: 'msp-corporation', name: { ru: 'Корпорация МСП', en: 'SME Corporation' } })
        .expect(201);
      expect(created.headers.etag).toBe('"1"');
      await api()
        .post('/api/v1/admin/organisations')
        .set(as(admin))
        .send({ slug: 'msp-corporation', name: { ru: 'Дубль' } })
        .expect(409);
      await api().patch('/api/v1/admin/organisations/msp-corporation').set(as(admin)).send({ url: 'https://example.org' }).expect(428);
      const updated = await api()
        .patch('/api/v1/admin/organisations/msp-corporation')
        .set(as(admin))
        .set('If-Match', '"1"')
        .send({ url: 'https://example.org' })
        .expect(200);
      expect(updated.body).toMatchObject({ url: 'https://example.org', version: 2 });
      await api()
        .patch('/api/v1/admin/organisations/msp-corporation')
        .set(as(admin))
        .set('If-Match', '"1"')
        .send({ phone: '1' })
        .expect(412);
      await api().delete('/api/v1/admin/organisations/moscow-government').set(as(admin)).set('If-Match', '*').expect(409);
      await api().delete('/api/v1/admin/organisations/msp-corporation').set(as(admin)).expect(428);
      await api().delete('/api/v1/admin/organisations/msp-corporation').set(as(admin)).set('If-Match', '"1"').expect(412);
      await api().delete('/api/v1/admin/organisations/msp-corporation').set(as(admin)).set('If-Match', '"2"').expect(204);
    });

    it('adds and relabels taxonomy terms; a term in use cannot be deleted', async () => {
      await api()
        .post('/api/v1/admin/taxonomy/support_type')
        .set(as(admin))
        .send({ code: 'leasing', label: { ru: 'Лизинг', en: 'Leasing' } })
        .expect(201);
      await api()
        .post('/api/v1/admin/taxonomy/support_type')
        .set(as(admin))
        .send({ code: 'leasing', label: { ru: 'Лизинг' } })
        .expect(409);
      await api()
        .post('/api/v1/admin/taxonomy/colour')
        .set(as(admin))
        .send({ code: 'red', label: { ru: 'Красный' } })
        .expect(400);
      const relabelled = await api()
        .patch('/api/v1/admin/taxonomy/support_type/leasing')
        .set(as(admin))
        .set('If-Match', '"1"')
        .send({ label: { ru: 'Лизинг оборудования', en: 'Equipment leasing' } })
        .expect(200);
      expect(relabelled.body.label.ru).toBe('Лизинг оборудования');
      const used = await api()
        .post('/api/v1/admin/programmes')
        .set(as(editor))
        .send(programmeInput({ supportTypes: ['leasing'] }))
        .expect(201);
      const inUse = await api().delete('/api/v1/admin/taxonomy/support_type/leasing').set(as(admin)).set('If-Match', '*').expect(409);
      expect(inUse.body.code).toBe('TAXONOMY.IN_USE');
      await api().delete(`/api/v1/admin/programmes/${used.body.id}`).set(as(admin)).set('If-Match', '"1"').expect(204);
      await api().delete('/api/v1/admin/taxonomy/support_type/leasing').set(as(admin)).set('If-Match', '*').expect(409);
      await api().delete('/api/v1/admin/taxonomy/industry/elevators').set(as(admin)).set('If-Match', '*').expect(409);
      await api()
        .post('/api/v1/admin/taxonomy/industry')
        .set(as(admin))
        .send({ code: 'unused_one', label: { ru: 'Неиспользуемая' } })
        .expect(201);
      await api().delete('/api/v1/admin/taxonomy/industry/unused_one').set(as(admin)).expect(428);
      await api().delete('/api/v1/admin/taxonomy/industry/unused_one').set(as(admin)).set('If-Match', '"1"').expect(204);
    });
  });
});

describe('admin API with PROGRAMME_REVIEW_REQUIRED (HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let author: string;
  let reviewer: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PROGRAMME_REVIEW_REQUIRED: 'true' } });
    [author, reviewer] = await Promise.all([t.tokenFor('editor'), t.tokenFor('editor')]);
  });
  afterAll(() => t.close());

  const api = () => request(t.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('the author cannot publish or approve their own pending change; a second editor can, and only the version they saw', async () => {
    const p = await createProgrammeViaApi(t.http, author, programmeInput({ title: { ru: 'Программа под проверкой', en: null } }));
    const url = `/api/v1/admin/programmes/${p.id}`;
    const first = await api()
      .patch(url)
      .set(as(author))
      .set('If-Match', `"${p.version}"`)
      .send({ title: { ru: 'Проверенное название' } })
      .expect(202);
    expect(first.body.review).toEqual({ required: true, approvedBy: null, approvedAt: null, approved: false });

    const own = await api().post(`${url}/pending-change/publish`).set(as(author)).set('If-Match', '"p1"').expect(403);
    expect(own.body.code).toBe('PENDING_CHANGE.REVIEW_REQUIRED');
    expect(own.body.message).toMatch(/second editor must approve/);
    const selfApproval = await api().post(`${url}/pending-change/approve`).set(as(author)).set('If-Match', '"p1"').expect(403);
    expect(selfApproval.body.code).toBe('PENDING_CHANGE.OWN_CHANGE');
    expect((await api().get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('Программа под проверкой');

    // approved, then changed again by its author: the approval was of the version before
    const approved = await api().post(`${url}/pending-change/approve`).set(as(reviewer)).set('If-Match', '"p1"').expect(200);
    expect(approved.body.review).toMatchObject({ approved: true, approvedBy: { label: expect.stringMatching(/^editor-/) } });
    await api()
      .patch(url)
      .set(as(author))
      .set('If-Match', '"p1"')
      .send({ summary: { ru: 'Ещё правка' } })
      .expect(202);
    await api().post(`${url}/pending-change/publish`).set(as(author)).set('If-Match', '"p2"').expect(403);

    // a second editor publishing it approves it
    const published = await api().post(`${url}/pending-change/publish`).set(as(reviewer)).set('If-Match', '"p2"').expect(200);
    expect(published.body.title.ru).toBe('Проверенное название');
    expect((await api().get(`/api/v1/programmes/${p.slug}`).expect(200)).body).toMatchObject({
      title: { ru: 'Проверенное название' },
      summary: { ru: 'Ещё правка' },
    });
  });

  it('an approved change may be published by its author', async () => {
    const p = await createProgrammeViaApi(t.http, author, programmeInput());
    const url = `/api/v1/admin/programmes/${p.id}`;
    await api()
      .patch(url)
      .set(as(author))
      .set('If-Match', `"${p.version}"`)
      .send({ summary: { ru: 'Одобренная правка' } })
      .expect(202);
    await api().post(`${url}/pending-change/approve`).set(as(reviewer)).set('If-Match', '"p1"').expect(200);
    await api().post(`${url}/pending-change/publish`).set(as(author)).set('If-Match', '"p1"').expect(200);
    expect((await api().get(`/api/v1/programmes/${p.slug}`).expect(200)).body.summary.ru).toBe('Одобренная правка');
  });

  it('an import’s change to a published entry waits as a pending change too', async () => {
    const p = await createProgrammeViaApi(t.http, author, programmeInput({ title: { ru: 'До импорта', en: null } }));
    const current = (await api().get(`/api/v1/admin/programmes/${p.id}`).set(as(author)).expect(200)).body;
    const report = await t.app
      .get(ProgrammeTransferService)
      .import([{ row: 1, record: { ...toRecord(current), title: { ru: 'После импорта', en: null } }, problems: [] }], {
        apply: true,
        actor: { id: null, label: 'system:import test' },
      });
    expect(report.rows[0]).toMatchObject({ action: 'update', pendingChange: true, changedFields: ['title.ru'] });
    expect((await api().get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('До импорта');
    const pending = await api().get(`/api/v1/admin/programmes/${p.id}/pending-change`).set(as(reviewer)).expect(200);
    expect(pending.body.authors).toEqual([{ id: null, label: 'system:import test' }]);
    await api().post(`/api/v1/admin/programmes/${p.id}/pending-change/publish`).set(as(reviewer)).set('If-Match', '"p1"').expect(200);
    expect((await api().get(`/api/v1/programmes/${p.slug}`).expect(200)).body.title.ru).toBe('После импорта');
  });
});
