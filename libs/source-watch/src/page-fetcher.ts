import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

/** What the previous reading left for a conditional request, and where (the address its answer came from). */
export interface Validators {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchSettings {
  userAgent: string;
  /** The whole reading, redirects and body included. */
  timeoutMs: number;
  /** Bytes of (decompressed) body read at most; the rest is not downloaded. */
  maxBytes: number;
  maxRedirects: number;
  /** Refuse addresses in private, loopback and link-local ranges (production: an editor's link must not reach the internal network). */
  refusePrivateAddresses: boolean;
}

/** One redirect followed. */
export interface Hop {
  status: number;
  location: string;
}

/** An HTTP answer (any status), after following redirects. */
export interface FetchAnswer {
  kind: 'answer';
  status: number;
  finalUrl: string;
  redirects: Hop[];
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  /** null for answers without a body worth reading (304, errors). */
  body: Buffer | null;
  /** The body went on past `maxBytes`. */
  truncated: boolean;
}

export type FailureCode =
  'no-such-host' | 'dns' | 'timeout' | 'connection' | 'tls' | 'scheme' | 'redirects' | 'private-address' | 'encoding' | 'aborted' | 'other';

/** No HTTP answer at all. */
export interface FetchFailure {
  kind: 'failure';
  code: FailureCode;
  /** One line, for editors and the log. */
  message: string;
  finalUrl: string;
  redirects: Hop[];
}

export type FetchOutcome = FetchAnswer | FetchFailure;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

/** Whether an address is one a public page cannot have (IPv4-mapped IPv6 judged as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  return family === 0 ? true : PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

class Refused extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** DNS resolution that refuses private addresses (checked on what the socket will connect to, so a rebinding name gains nothing). */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new Refused('private-address', `${hostname} resolves to a private address (${bad.address})`), '', 0);
    if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

const header = (res: IncomingMessage, name: string): string | null => {
  const v = res.headers[name];
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 1000) ?? null;
};

/** A short, single-line reason for a failed reading. */
function describe(error: unknown): { code: FailureCode; message: string } {
  if (error instanceof Refused) return { code: error.code, message: error.message };
  const e = error as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const message = String(e?.message ?? error)
    .replace(/\s+/g, ' ')
    .slice(0, 300);
  // ENOTFOUND is the name server's answer that the name does not exist; EAI_AGAIN and the like are a lookup that did not finish
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME') return { code: 'no-such-host', message };
  if (code === 'EAI_AGAIN' || code === 'EAI_FAIL') return { code: 'dns', message };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EPIPE')
    return { code: 'connection', message };
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL') || /certificate|SSL/i.test(message))
    return { code: 'tls', message };
  if (code === 'ABORT_ERR' || e?.name === 'AbortError') return { code: 'aborted', message: 'stopped: the process is shutting down' };
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code.startsWith('ERR__')) return { code: 'encoding', message };
  return { code: 'other', message };
}

/**
 * Reads one page politely and defensively: a GET with our User-Agent, a conditional request when the
 * last reading left an ETag or Last-Modified, redirects followed by hand (only http and https, at most
 * `maxRedirects`), one deadline for everything, no more than `maxBytes` of body (decompressed), and
 * no connection kept open. Never throws: every outcome is an answer or a failure with its reason.
 */
export async function fetchPage(
  url: string,
  settings: FetchSettings,
  validators: Validators | null,
  signal?: AbortSignal,
): Promise<FetchOutcome> {
  const redirects: Hop[] = [];
  const deadline = AbortSignal.timeout(settings.timeoutMs);
  const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
  let current = url;
  try {
    for (;;) {
      const target = new URL(current);
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new Refused('scheme', `only http and https are read, not ${target.protocol.replace(':', '')}`);
      const literal = target.hostname.replace(/^\[|\]$/g, '');
      if (settings.refusePrivateAddresses && isIP(literal) && isPrivateAddress(literal))
        throw new Refused('private-address', `${literal} is a private address`);
      const conditional = validators && validators.url === current ? validators : null;
      const res = await get(target, settings, conditional, stop);
      const location = header(res, 'location');
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.resume();
        res.destroy();
        const next = new URL(location, target).toString();
        redirects.push({ status: res.statusCode!, location: next });
        if (redirects.length > settings.maxRedirects) throw new Refused('redirects', `more than ${settings.maxRedirects} redirects`);
        current = next;
        continue;
      }
      const status = res.statusCode ?? 0;
      const wanted = status >= 200 && status < 300;
      const { body, truncated } = wanted ? await readBody(res, settings.maxBytes, stop) : (res.destroy(), { body: null, truncated: false });
      return {
        kind: 'answer',
        status,
        finalUrl: current,
        redirects,
        etag: header(res, 'etag'),
        lastModified: header(res, 'last-modified'),
        contentType: header(res, 'content-type'),
        body,
        truncated,
      };
    }
  } catch (error) {
    const failure =
      deadline.aborted && !signal?.aborted
        ? { code: 'timeout' as const, message: `no complete answer within ${settings.timeoutMs} ms` }
        : describe(error);
    return { kind: 'failure', ...failure, finalUrl: current, redirects };
  }
}

function get(target: URL, settings: FetchSettings, validators: Validators | null, signal: AbortSignal): Promise<IncomingMessage> {
  const headers: Record<string, string> = {
    'User-Agent': settings.userAgent,
    Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    'Accept-Language': 'ru,en;q=0.8',
    'Accept-Encoding': 'gzip, deflate, br',
    Connection: 'close',
  };
  if (validators?.etag) headers['If-None-Match'] = validators.etag;
  if (validators?.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  const options: RequestOptions = {
    method: 'GET',
    headers,
    agent: false,
    signal,
    ...(settings.refusePrivateAddresses ? { lookup: publicLookup } : {}),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, options, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** The body, decompressed, up to `maxBytes` (then the connection is dropped and `truncated` set). */
function readBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<{ body: Buffer; truncated: boolean }> {
  const encoding = (header(res, 'content-encoding') ?? '').trim().toLowerCase();
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(createInflate());
  else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: unknown, truncated = false) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error as Error);
      else resolve({ body: Buffer.concat(chunks, size), truncated });
      if (truncated || error) {
        res.destroy();
        if (stream !== res) stream.destroy();
      }
    };
    const onAbort = () => finish(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort);
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = maxBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        return finish(null, true);
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    stream.on('end', () => finish(null));
    stream.on('error', (error) => finish(error));
    res.on('error', (error) => finish(error));
    // the server closed the connection before the body was complete
    res.on('close', () => {
      if (!res.complete) finish(new Error('the connection closed before the page was complete'));
    });
  });
}
