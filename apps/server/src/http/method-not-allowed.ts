import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import { DomainError } from '@app/common';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

/** The methods the routes at `path` answer (HEAD wherever GET is), upper case; empty for a path no route has. */
export function allowedMethods(app: Express, path: string): string[] {
  const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
  const methods = new Set<string>();
  for (const layer of stack) {
    // catch-alls (`{/*splat}`: middleware Nest mounts for every method) say nothing about a path
    if (!layer.route || layer.route.path.includes('*') || !layer.match(path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/**
 * A request for a path the site has, with a method it does not answer there:
 * 405 with `Allow` (RFC 9110 §15.5.6) instead of a 404 that says the path is unknown.
 */
function methodNotAllowed(app: Express) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const allowed = allowedMethods(app, req.path);
    if (!allowed.length || allowed.includes(req.method)) return next();
    res.setHeader('Allow', allowed.join(', '));
    next(
      new DomainError(
        'method_not_allowed',
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed here; this address answers ${allowed.join(', ')}`,
      ),
    );
  };
}

/** Express as Nest drives it, with a 405 before the 404 for requests no route matched. */
export class SiteExpressAdapter extends ExpressAdapter {
  override setNotFoundHandler(...args: Parameters<ExpressAdapter['setNotFoundHandler']>): ReturnType<ExpressAdapter['setNotFoundHandler']> {
    this.use(methodNotAllowed(this.getInstance<Express>()));
    return super.setNotFoundHandler(...args);
  }
}
