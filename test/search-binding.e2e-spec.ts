import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProgrammeRepository } from '@app/catalogue';
import { SearchOutbox, SearchStatusService, SearchSyncRelay, SynonymsService } from '@app/search';
import { RecordingSearchEngine } from '@app/testing';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * A process configured for another engine than the one searches read (a worker
 * without MEILI_URL beside a server with it, or the reverse) refuses to drain
 * the search outbox, instead of marking changes done the index never gets.
 */
describe('search sync refuses a process bound to another engine', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const relayWith = (engine: RecordingSearchEngine) =>
    new SearchSyncRelay(t.app.get(DataSource), t.app.get(SearchOutbox), engine, t.app.get(ProgrammeRepository), t.app.get(SynonymsService));

  it('leaves the changes waiting and says why, on the status page and in the admin API', async () => {
    const pending = async () => (await t.app.get(SearchOutbox).status()).pending;
    await t.app.get(SearchOutbox).enqueueSettings();
    expect(await pending()).toBeGreaterThan(0);
    // the server bound its own engine (PostgreSQL here) at start; a process with another one refuses
    const elsewhere = new RecordingSearchEngine();
    const refused = await relayWith(elsewhere).drain();
    expect(refused).toEqual({ claimed: 0, processed: 0, failed: 0 });
    expect(await pending()).toBeGreaterThan(0);
    expect(elsewhere.settings).toBeNull();
    expect(await relayWith(elsewhere).mismatch()).toMatch(/searches read postgres/);

    // the server's own relay drains as before, and the status shows the engine's documents beside the catalogue's
    await t.app.get(SearchSyncRelay).drain();
    expect(await pending()).toBe(0);
    const status = await t.app.get(SearchStatusService).status();
    expect(status.syncMismatch).toBeNull();
    expect(status.engineDocuments).toBe(status.publishedProgrammes);

    // once the readers bind to the other engine, the status of this process says it refuses
    await relayWith(elsewhere).bindReaders();
    const admin = await t.tokenFor('admin');
    const api = (await request(t.http).get('/api/v1/admin/search/status').set('Authorization', `Bearer ${admin}`).expect(200)).body;
    expect(api.syncMismatch).toMatch(/this process sends search changes to postgres, but searches read recording/);
  });
});
