import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueSeeder } from '@app/catalogue';
import type { TestApp } from './test-app';

/** One request a local site received: when it started and when its answer ended (or the client went away). */
export interface SiteRequest {
  path: string;
  start: number;
  end: number;
  status: number;
  headers: IncomingMessage['headers'];
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A web site on a loopback address whose pages a test changes as it goes (text, redirects, errors,
 * slowness), logging every request it gets. Each site is its own host for the source watch's
 * per-host politeness: 127.0.0.1, 127.0.0.2, … .
 */
export class LocalSite {
  readonly routes = new Map<string, Route>();
  readonly requests: SiteRequest[] = [];
  private server: Server;
  base = '';

  static async start(address: string): Promise<LocalSite> {
    const site = new LocalSite();
    site.server = createServer((req, res) => site.handle(req, res));
    await new Promise<void>((resolve) => site.server.listen(0, address, resolve));
    site.base = `http://${address}:${(site.server.address() as AddressInfo).port}`;
    return site;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** Serves an HTML page (its text and optional headers) at `path`. */
  page(path: string, html: string | (() => string), headers: Record<string, string> = {}): void {
    this.routes.set(path, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
      res.end(typeof html === 'function' ? html() : html);
    });
  }

  status(path: string, status: number, headers: Record<string, string> = {}): void {
    this.routes.set(path, (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
      res.end(`<p>${status}</p>`);
    });
  }

  redirect(path: string, status: number, location: string): void {
    this.status(path, status, { Location: location });
  }

  /** Requests for `path` (without a query). */
  hits(path: string): SiteRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const entry: SiteRequest = { path: (req.url ?? '/').replace(/\?.*$/, ''), start: Date.now(), end: 0, status: 0, headers: req.headers };
    this.requests.push(entry);
    res.on('close', () => {
      entry.end = Date.now();
      entry.status = res.statusCode;
    });
    const route = this.routes.get(entry.path);
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not here');
    }
  }
}

/** An HTML page as a real site sends one: the site's frame (header, navigation, footer, scripts) around `content`, with a fresh token and time in the markup on every request. */
export function framedPage(title: string, content: string): () => string {
  let n = 0;
  return () => {
    n++;
    const token = `tok-${n}-${Math.random().toString(36).slice(2)}`;
    const time = new Date(Date.now() + n * 1000).toISOString();
    return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${title}</title>
<meta name="csrf-token" content="${token}"><link rel="stylesheet" href="/app.css?v=${token}"></head>
<body><header><a href="/">Портал</a><nav><a href="/news">Новости</a> <a href="/support">Меры поддержки</a></nav></header>
<main>${content}</main>
<aside>Сейчас читают: ${time}</aside>
<footer>© 2026 · страница создана ${time}</footer>
<script nonce="${token}">window.__STATE__ = { at: "${time}", token: "${token}" };</script></body></html>`;
  };
}

/**
 * The shipped taxonomy and providers without the shipped programmes: their sources are real sites,
 * which a test of the source watch must never read.
 */
export async function seedWithoutProgrammes(t: TestApp): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sn-watch-catalogue-'));
  try {
    cpSync(join(__dirname, '..', '..', 'catalogue', 'providers'), join(dir, 'providers'), { recursive: true });
    await t.app.get(CatalogueSeeder).seed(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
