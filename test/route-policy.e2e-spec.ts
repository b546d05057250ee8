import { RequestMethod, type Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '@app/identity';
import { RATE_POLICY } from '../apps/server/src/api-access/rate-limit.decorator';
import { ADMIN_ROLES_KEY, AdminCsrfGuard, AdminRoleGuard, AdminSessionGuard } from '../apps/server/src/admin-web/admin-session';
import { createTestApp, TestApp } from './support/test-app';

interface RoutePolicy {
  route: string;
  /** Who may call it: `public: <note>`, `bearer: <roles>`, `admin session: <roles | open>`. */
  access: string[];
  /** The shared request budget it draws on, if any. */
  rateLimit: string | null;
}

const ADMIN_GUARDS: unknown[] = [AdminSessionGuard, AdminCsrfGuard, AdminRoleGuard];

const join = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of every controller, with the policy its metadata resolves to (the handler's own over its controller's). */
function routePolicies(t: TestApp): RoutePolicy[] {
  const controllers = new Set<Type>();
  for (const module of t.app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) if (wrapper.metatype) controllers.add(wrapper.metatype as Type);
  const policies: RoutePolicy[] = [];
  for (const controller of controllers) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const meta = (key: string): unknown => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const roles = meta(ROLES_KEY) as string[] | undefined;
      const admin = meta(ADMIN_ROLES_KEY) as string[] | 'public' | undefined;
      const open = meta(PUBLIC_KEY) as string | undefined;
      const guards = [
        ...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[]) ?? []),
        ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[]) ?? []),
      ];
      const access = [
        ...(open !== undefined ? [`public: ${open}`] : []),
        ...(roles ? [`bearer: ${roles.join(', ')}`] : []),
        ...(admin !== undefined
          ? [
              // the session, then CSRF on unsafe requests, then the roles: all three, in that order
              ADMIN_GUARDS.length === guards.length && ADMIN_GUARDS.every((guard, i) => guards[i] === guard)
                ? `admin session: ${admin === 'public' ? 'open' : admin.join(', ')}`
                : 'admin roles WITHOUT the session, CSRF and role guards in order',
            ]
          : []),
      ];
      policies.push({
        route: `${method} ${join(base, Reflect.getMetadata(PATH_METADATA, handler) as string)}`,
        access,
        rateLimit: (meta(RATE_POLICY) as string | undefined) ?? null,
      });
    }
  }
  return policies.sort((a, b) => a.route.localeCompare(b.route));
}

describe('what protects each route', () => {
  let t: TestApp;
  let policies: RoutePolicy[];

  beforeAll(async () => {
    t = await createTestApp();
    policies = routePolicies(t);
  });
  afterAll(() => t.close());

  it('finds the routes of every controller', () => {
    expect(policies.length).toBeGreaterThan(80);
    expect(policies.map((p) => p.route)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/programmes',
        'PATCH /api/v1/admin/programmes/:id',
        'POST /admin/programmes/:id',
        'GET /health/live',
      ]),
    );
  });

  it('gives every route exactly one declared access policy', () => {
    const undeclared = policies.filter((p) => p.access.length !== 1).map((p) => `${p.route}: ${p.access.join(' + ') || 'none'}`);
    expect(undeclared).toEqual([]);
  });

  it('keeps each area to its kind of access', () => {
    for (const p of policies) {
      const [, path] = p.route.split(' ');
      const [access] = p.access;
      if (path.startsWith('/api/v1/admin/')) expect([p.route, access]).toEqual([p.route, expect.stringMatching(/^bearer: /)]);
      else if (path === '/admin' || path.startsWith('/admin/'))
        expect([p.route, access]).toEqual([p.route, expect.stringMatching(/^admin session: /)]);
      else if (path.startsWith('/api/v1/') && !path.startsWith('/api/v1/auth/'))
        expect([p.route, access, p.rateLimit]).toEqual([p.route, expect.stringMatching(/^public: /), 'api']);
    }
  });

  it('counts every public page and API route against a rate budget, and only those', () => {
    const uncounted = policies.filter(
      (p) =>
        p.access[0]?.startsWith('public: ') &&
        !p.route.includes('/health') &&
        !p.route.includes('/metrics') &&
        !p.route.endsWith('/auth/login') &&
        !p.rateLimit,
    );
    expect(uncounted.map((p) => p.route)).toEqual([]);
    expect(policies.filter((p) => p.rateLimit && !p.access[0]?.startsWith('public: ')).map((p) => p.route)).toEqual([]);
  });
});
