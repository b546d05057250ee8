import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import ts from 'typescript';
import { ApiKeysService, IdentityService } from '@app/identity';
import { strongPassword, uniqueEmail } from '@app/testing';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The README's API examples, run as written (curl, jq and the TypeScript sync
 * loop) against a real server; only SN_BASE points them at this one.
 */
const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const blocks = (lang: string) =>
  [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]).filter((b) => b.includes('SN_BASE'));

describe('README examples', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  let cwd: string;

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.http as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const email = uniqueEmail('readme');
    const password = strongPassword();
    await t.app.get(IdentityService).createUser(email, password, 'admin');
    const { key } = await t.app.get(ApiKeysService).create('README examples', { id: null, label: 'test', ip: null });
    env = {
      ...process.env,
      SN_BASE: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
      SN_EMAIL: email,
      SN_PASSWORD: password,
      SN_API_KEY: key,
    };
    cwd = mkdtempSync(join(tmpdir(), 'readme-'));
  });
  afterAll(() => t.close());

  // asynchronously: the server answering the examples runs in this process
  const run = async (script: string): Promise<string> =>
    (await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', script], { env, cwd, encoding: 'utf8', timeout: 60_000 })).stdout;

  it('has the examples this test runs', () => {
    expect(blocks('bash')).toHaveLength(2);
    expect(blocks('ts')).toHaveLength(1);
  });

  it('the admin example signs in, creates a draft and changes it with If-Match', async () => {
    const out = await run(blocks('bash')[0]);
    const saved = JSON.parse(out);
    expect(saved).toMatchObject({ slug: 'my-grant', version: 2, summary: { ru: 'Кратко', en: 'In short' }, publicationState: 'draft' });
  });

  it("the consultant's examples search, revalidate, export, walk and read the feed", async () => {
    const out = await run(blocks('bash')[1]);
    expect(out).not.toMatch(/"statusCode":\s*[45]\d\d/);
    const statuses = [...out.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '304']);
    expect(out).toMatch(/^x-ratelimit-limit: 1200\r?$/im);
    expect(readFileSync(join(cwd, 'grants.csv'), 'utf8')).toMatch(/^\uFEFFslug,url,title/);
    // the second page of the walk, then the feed since the export: the last two lines
    const [page2, feed] = out.trim().split('\n').slice(-2);
    expect(JSON.parse(page2).hits.length).toBe(10);
    expect(JSON.parse(feed)).toMatchObject({ events: [], hasMore: false });
  });

  it('the TypeScript sync loop keeps a copy keyed by id that equals the export', async () => {
    const source = ts.transpileModule(blocks('ts')[0], {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = join(cwd, 'sync.mjs');
    writeFileSync(file, source);
    Object.assign(process.env, { SN_BASE: env.SN_BASE, SN_API_KEY: env.SN_API_KEY });
    const { sync } = (await import(pathToFileURL(file).href)) as { sync: () => Promise<Map<string, { slug: string }>> };
    const first = await sync();
    const exported = (await request(t.http).get('/api/v1/programmes.json').expect(200)).body as { id: string }[];
    expect([...first.keys()].sort()).toEqual(exported.map((p) => p.id).sort());
    expect(existsSync(file)).toBe(true);
  });
});
