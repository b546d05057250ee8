import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request's id: kept from a sane X-Request-Id, otherwise new; echoed in the response. */
export function requestIdOf(req: IncomingMessage & { id?: string }, res: ServerResponse): string {
  if (!req.id) {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
  }
  return req.id;
}

/** Express middleware that runs first, so even body-parser errors carry the id. */
export function assignRequestId(req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void): void {
  requestIdOf(req, res);
  next();
}
