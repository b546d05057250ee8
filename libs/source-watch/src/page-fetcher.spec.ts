import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { addressKey, movedTo } from './assess';
import { fetchPage, isPrivateAddress, type FetchSettings } from './page-fetcher';

const SETTINGS: FetchSettings = {
  userAgent: 'test-agent',
  timeoutMs: 2000,
  maxBytes: 64 * 1024,
  maxRedirects: 3,
  refusePrivateAddresses: false,
};

describe('reading one page', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const seen: IncomingMessage['headers'][] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const route = routes.get(req.url ?? '');
      if (route) route(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('decompresses gzip and brotli bodies', async () => {
    routes.set('/gz', (_req, res) =>
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'text/html' }).end(gzipSync('<p>сжато</p>')),
    );
    routes.set('/br', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'br' }).end(brotliCompressSync('<p>brotli</p>')));
    const gz = await fetchPage(`${base}/gz`, SETTINGS, null);
    expect(gz).toMatchObject({ kind: 'answer', status: 200, truncated: false });
    expect(gz.kind === 'answer' && gz.body!.toString()).toBe('<p>сжато</p>');
    const br = await fetchPage(`${base}/br`, SETTINGS, null);
    expect(br.kind === 'answer' && br.body!.toString()).toBe('<p>brotli</p>');
    expect(seen.at(-1)).toMatchObject({ 'user-agent': 'test-agent', 'accept-encoding': 'gzip, deflate, br', connection: 'close' });
  });

  it('stops at the byte cap, also for a compressed bomb', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 'a'));
    routes.set('/bomb', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'text/html' }).end(bomb));
    const read = await fetchPage(`${base}/bomb`, SETTINGS, null);
    expect(read).toMatchObject({ kind: 'answer', status: 200, truncated: true });
    expect(read.kind === 'answer' && read.body!.length).toBe(SETTINGS.maxBytes);
  });

  it('fails cleanly on garbage that claims to be compressed', async () => {
    routes.set('/garbage', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(Buffer.from('not gzip at all')));
    expect(await fetchPage(`${base}/garbage`, SETTINGS, null)).toMatchObject({ kind: 'failure', code: 'encoding' });
  });

  it('follows redirects by hand: a loop ends, other schemes are refused', async () => {
    routes.set('/loop', (_req, res) => res.writeHead(302, { Location: '/loop' }).end());
    routes.set('/ftp', (_req, res) => res.writeHead(301, { Location: 'ftp://files.example/doc.pdf' }).end());
    routes.set('/a', (_req, res) => res.writeHead(301, { Location: '/b' }).end());
    routes.set('/b', (_req, res) => res.writeHead(200).end('b'));
    expect(await fetchPage(`${base}/loop`, SETTINGS, null)).toMatchObject({ kind: 'failure', code: 'redirects' });
    expect(await fetchPage(`${base}/ftp`, SETTINGS, null)).toMatchObject({
      kind: 'failure',
      code: 'scheme',
      finalUrl: 'ftp://files.example/doc.pdf',
    });
    expect(await fetchPage(`${base}/a`, SETTINGS, null)).toMatchObject({
      kind: 'answer',
      status: 200,
      finalUrl: `${base}/b`,
      redirects: [{ status: 301, location: `${base}/b` }],
    });
    expect(await fetchPage('mailto:someone@example.org', SETTINGS, null)).toMatchObject({ kind: 'failure', code: 'scheme' });
  });

  it("sends the last reading's validators only to the address they came from", async () => {
    seen.length = 0;
    await fetchPage(`${base}/a`, SETTINGS, { url: `${base}/b`, etag: '"e1"', lastModified: 'Mon, 01 Dec 2026 09:00:00 GMT' });
    expect(seen.map((h) => [h['if-none-match'], h['if-modified-since']])).toEqual([
      [undefined, undefined],
      ['"e1"', 'Mon, 01 Dec 2026 09:00:00 GMT'],
    ]);
  });

  it('gives up at the deadline on a page that drips', async () => {
    routes.set('/drip', (_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(t));
    });
    const started = Date.now();
    expect(await fetchPage(`${base}/drip`, { ...SETTINGS, timeoutMs: 300 }, null)).toMatchObject({ kind: 'failure', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses private addresses when told to, by literal and by name', async () => {
    const strict = { ...SETTINGS, refusePrivateAddresses: true };
    expect(await fetchPage(`${base}/b`, strict, null)).toMatchObject({ kind: 'failure', code: 'private-address' });
    const port = new URL(base).port;
    expect(await fetchPage(`http://localhost:${port}/b`, strict, null)).toMatchObject({ kind: 'failure', code: 'private-address' });
  });
});

describe('addresses', () => {
  it('knows the private ranges', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
    ])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['93.184.216.34', '213.180.204.62', '2a02:6b8::2:242', '::ffff:8.8.8.8'])
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('counts a move only to another page: not http to https, www, a trailing slash or a fragment', () => {
    expect(movedTo('http://www.mos.ru/page', 'https://mos.ru/page/#top')).toBeNull();
    expect(movedTo('https://mos.ru/page', 'https://mos.ru/ru/page')).toBe('https://mos.ru/ru/page');
    expect(movedTo('https://mos.ru/page?id=1', 'https://mos.ru/page?id=2')).toBe('https://mos.ru/page?id=2');
    expect(movedTo('https://mos.ru/page', null)).toBeNull();
    expect(addressKey('not a url')).toBe('not a url');
  });
});
