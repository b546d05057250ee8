import type { Request } from 'express';

/**
 * A path on this site, safe to put in a link: browsers drop tabs and line
 * breaks from URLs and read `//host` and `/\host` as another origin, so the
 * path keeps one leading slash and none of those characters.
 */
export function sameOriginPath(path: string): string {
  return `/${path.replace(/[\t\n\r]/g, '').replace(/^[/\\]+/, '')}`;
}

/**
 * The request's own path and query as a same-origin path, for links back to
 * it (the language switch, sign-in's `next`, a feed's self link). Never the
 * raw request target: an absolute-form target (`GET http://evil.example/x`)
 * names a host, and a path like `//evil.example/x` would become one.
 */
export function requestPath(req: Request): string {
  const query = req.originalUrl.indexOf('?');
  return `${sameOriginPath(req.path)}${query >= 0 ? req.originalUrl.slice(query) : ''}`;
}
