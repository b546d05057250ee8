import request from 'supertest';
import { DataSource } from 'typeorm';
import { CATALOGUE_RELEASE, CatalogueSeeder, SEED_PROGRAMMES } from '@app/catalogue';
import { programmeInput } from '@app/testing';
import { createTestApp, TestApp } from './support/test-app';

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
      const restored = await api().post(`${url}/revisions/1/restore`).set(as(editor)).set('If-Match', '"3"').expect(200);
      expect(restored.headers.etag).toBe('"4"');
      expect(restored.body).toMatchObject({
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

  describe('suggested catalogue updates', () => {
    const shippedTitle = (slug: string) => SEED_PROGRAMMES.find((e) => e.slug === slug)!.title.ru;
    /** An editor changes a shipped entry; the installation is then on release 1 and the seed runs. */
    const editAndReseed = async (slug: string) => {
      const [row] = await t.app.get(DataSource).query(`SELECT id, version FROM programme WHERE slug = $1`, [slug]);
      await api()
        .patch(`/api/v1/admin/programmes/${row.id}`)
        .set(as(editor))
        .set('If-Match', `"${row.version}"`)
        .send({ title: { ru: `Правка: ${slug}` } })
        .expect(200);
      await t.app.get(DataSource).query(`UPDATE programme SET catalogue_release = 1 WHERE id = $1`, [row.id]);
      await t.app.get(CatalogueSeeder).seed();
      return row.id as string;
    };

    it('lists a pending update, refuses a stale apply and applies it with the current ETag', async () => {
      const id = await editAndReseed('sme-premises');
      const listed = await api().get(`/api/v1/admin/programmes/${id}/suggested-updates`).set(as(editor)).expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ release: CATALOGUE_RELEASE, changedFields: ['title.ru'] })]);
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
      const applied = await api().post(url).set(as(editor)).set('If-Match', current.headers.etag).expect(200);
      expect(applied.body.title.ru).toBe(shippedTitle('sme-premises'));
      expect((await api().get(`/api/v1/admin/programmes/${id}/suggested-updates`).set(as(editor)).expect(200)).body).toEqual([]);
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
