import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { findDumpTools, toolsFor } from '@app/database';
import { freePort, programmeInput, strongPassword, uniqueEmail } from '@app/testing';
import { CLI, run, SERVER, waitFor, type Running } from '../support/processes';
import { CookieBrowser, csrfOf } from './support/browser';
import { bearerToken, publishIfPending } from './support/deployment';
import { scratchDir } from './support/services';

/**
 * Backup and restore of the installation `npm start` creates (the embedded PostgreSQL 18 under
 * EMBEDDED_PG_DIR), taken while the server runs, restored into an empty installation: the catalogue
 * exports identically, and its history, users, alerts and API keys work there.
 */

interface Installation {
  env: Record<string, string>;
  base: string;
}

async function installation(dir: string): Promise<Installation> {
  const port = await freePort();
  return {
    env: {
      EMBEDDED_PG_DIR: dir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(port),
      SHUTDOWN_GRACE_MS: '100',
      API_RATE_LIMIT_ANONYMOUS: '100000',
      WEB_RATE_LIMIT: '100000',
    },
    base: `http://127.0.0.1:${port}`,
  };
}

async function cli(at: Installation, args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const running = run(CLI, args, { ...at.env, ...extra });
  running.child.stdin.end();
  return { code: await running.exited, output: running.output() };
}

async function serve(at: Installation): Promise<Running> {
  const server = run(SERVER, [], at.env);
  await waitFor(server, 'listening on');
  return server;
}

async function rows<T>(at: Installation, sql: string): Promise<T[]> {
  const password = (await readFile(`${at.env.EMBEDDED_PG_DIR}.secret`, 'utf8')).trim();
  const client = new Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${at.env.EMBEDDED_PG_PORT}/support_navigator` });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('backup and restore of the embedded installation', () => {
  let parent: string;
  beforeAll(() => (parent = scratchDir('backup')));
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('a backup taken while the server runs restores into an empty installation: same export, history, users, alerts and keys', async () => {
    const a = await installation(join(parent, 'a'));
    const serverA = await serve(a);
    const admin = { email: uniqueEmail('admin'), password: strongPassword() };
    const editor = { email: uniqueEmail('editor'), password: strongPassword() };
    for (const [user, role] of [
      [admin, 'admin'],
      [editor, 'editor'],
    ] as const) {
      expect((await cli(a, ['create-user', '--email', user.email, '--role', role], { ADMIN_PASSWORD: user.password })).code).toBe(0);
    }
    // a programme with history: created, edited twice, published
    const token = await bearerToken(a.base, editor);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${a.base}/api/v1/admin/programmes`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(programmeInput({ title: { ru: 'Программа zqrestoreword', en: 'Programme zqrestoreword' } })),
    });
    const { id, slug } = (await created.json()) as { id: string; slug: string };
    let etag = created.headers.get('etag')!;
    for (const summary of ['Первая правка', 'Вторая правка']) {
      const res = await fetch(`${a.base}/api/v1/admin/programmes/${id}`, {
        method: 'PATCH',
        headers: { ...auth, 'If-Match': etag },
        body: JSON.stringify({ summary: { ru: summary, en: null } }),
      });
      expect(res.status).toBe(200);
      etag = res.headers.get('etag')!;
    }
    const published = await fetch(`${a.base}/api/v1/admin/programmes/${id}/publish`, {
      method: 'POST',
      headers: { ...auth, 'If-Match': etag },
    });
    expect(published.status).toBe(200);
    // an alert subscription and an API key
    const alert = await fetch(`${a.base}/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'subscriber@example.org', frequency: 'weekly', query: 'q=кредит', lang: 'ru' }).toString(),
    });
    expect(alert.status).toBe(200);
    const browser = new CookieBrowser();
    await browser.signIn(a.base, admin);
    const keysPage = await (await browser.request(a.base, '/admin/api-keys')).text();
    const issued = await (
      await browser.request(a.base, '/admin/api-keys', { form: { _csrf: csrfOf(keysPage), name: 'Consultant' } })
    ).text();
    const apiKey = /snk_[A-Za-z0-9_-]+/.exec(issued)![0];

    // the backup, while the server serves
    const file = join(parent, 'backup.tar.gz');
    const backup = await cli(a, ['backup', file]);
    expect(backup).toMatchObject({ code: 0, output: expect.stringContaining('Backed up support_navigator (PostgreSQL 18') });
    const exportA = join(parent, 'a.json');
    expect((await cli(a, ['export', '--format', 'json', '--out', exportA])).code).toBe(0);
    const historyA = await (await fetch(`${a.base}/api/v1/admin/programmes/${id}/revisions`, { headers: auth })).json();
    const alertsA = await rows(a, `SELECT email, frequency, query, confirmed_at FROM search_alert ORDER BY id`);
    // a change after the backup is not in it
    const after = await fetch(`${a.base}/api/v1/admin/programmes/${id}`, {
      method: 'PATCH',
      headers: { ...auth, 'If-Match': published.headers.get('etag')! },
      body: JSON.stringify({ summary: { ru: 'После резервной копии', en: null } }),
    });
    expect((await publishIfPending(a.base, auth, id, after)).status).toBe(200);
    serverA.child.kill('SIGINT');
    expect(await serverA.exited).toBe(0);

    // an empty installation
    const b = await installation(join(parent, 'b'));
    const restored = await cli(b, ['restore', file]);
    expect(restored).toMatchObject({
      code: 0,
      output: expect.stringMatching(/Restored support_navigator; rebuilt the postgres search index \(\d+ documents\)/),
    });
    const again = await cli(b, ['restore', file]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already holds a database, which a restore would replace. Add --force');

    const serverB = await serve(b);
    try {
      const running = await cli(b, ['restore', file, '--force']);
      expect(running.code).toBe(1);
      expect(running.output).toContain('is running');
      // the catalogue, exactly
      const exportB = join(parent, 'b.json');
      expect((await cli(b, ['export', '--format', 'json', '--out', exportB])).code).toBe(0);
      expect(await readFile(exportB, 'utf8')).toBe(await readFile(exportA, 'utf8'));
      // users sign in with their passwords; the history is there, and is restorable
      const tokenB = await bearerToken(b.base, editor);
      const authB = { Authorization: `Bearer ${tokenB}`, 'Content-Type': 'application/json' };
      const historyB = await (await fetch(`${b.base}/api/v1/admin/programmes/${id}/revisions`, { headers: authB })).json();
      expect(historyB).toEqual(historyA);
      const current = await fetch(`${b.base}/api/v1/admin/programmes/${id}`, { headers: authB });
      const restored = await fetch(`${b.base}/api/v1/admin/programmes/${id}/revisions/2/restore`, {
        method: 'POST',
        headers: { ...authB, 'If-Match': current.headers.get('etag')! },
      });
      expect(restored.status).toBe(202); // published: a pending change, public once published
      const back = await publishIfPending(b.base, authB, id, restored);
      expect(back.status).toBe(200);
      expect(((await back.json()) as { summary: { ru: string } }).summary.ru).toBe('Первая правка');
      await bearerToken(b.base, admin);
      // the API key works (its own budget, not the anonymous one); an unknown one does not
      const withKey = await fetch(`${b.base}/api/v1/programmes/${slug}`, { headers: { 'X-API-Key': apiKey } });
      expect(withKey.status).toBe(200);
      expect(withKey.headers.get('x-ratelimit-limit')).toBe('1200');
      expect((await fetch(`${b.base}/api/v1/programmes`, { headers: { 'X-API-Key': `${apiKey.slice(0, -4)}AAAA` } })).status).toBe(401);
      // the alert subscription, and search over the rebuilt index
      expect(await rows(b, `SELECT email, frequency, query, confirmed_at FROM search_alert ORDER BY id`)).toEqual(alertsA);
      const found = (await (await fetch(`${b.base}/api/v1/programmes?q=zqrestoreword`)).json()) as { hits: { slug: string }[] };
      expect(found.hits.map((h) => h.slug)).toEqual([slug]);
    } finally {
      serverB.child.kill('SIGINT');
      await serverB.exited;
    }
  }, 180_000);

  it('an external server is backed up with its own version of pg_dump, or refused naming the versions when none is installed', async () => {
    const c = await installation(join(parent, 'c'));
    const server = await serve(c);
    try {
      const password = (await readFile(`${c.env.EMBEDDED_PG_DIR}.secret`, 'utf8')).trim();
      const url = `postgres://postgres:${password}@127.0.0.1:${c.env.EMBEDDED_PG_PORT}/support_navigator`;
      const external = { env: { DATABASE_URL: url }, base: c.base };
      const file = join(parent, 'external.tar.gz');
      const backup = await cli(external, ['backup', file]);
      if (toolsFor(await findDumpTools(), 18)) {
        // this machine has PostgreSQL 18's tools: a dump, restored into an empty database of the same server
        expect(backup.output).toContain('with pg_dump 1');
        const admin = new Client({ connectionString: url });
        await admin.connect();
        await admin.query('CREATE DATABASE restored');
        await admin.end();
        const restored = await cli({ env: { DATABASE_URL: url.replace(/support_navigator$/, 'restored') }, base: c.base }, [
          'restore',
          file,
        ]);
        expect(restored.code).toBe(0);
      } else {
        // Debian's PostgreSQL 15 tools cannot dump an 18 server: said so, nothing written
        expect(backup.code).toBe(1);
        expect(backup.output).toMatch(/PostgreSQL 18\.\d+ needs pg_dump and pg_restore of version 18 or newer, and this machine has /);
        await expect(readFile(file)).rejects.toThrow();
      }
    } finally {
      server.child.kill('SIGINT');
      await server.exited;
    }
  }, 120_000);
});
