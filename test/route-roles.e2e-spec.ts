import request from 'supertest';
import type { Role } from '@app/identity';
import { createTestApp, TestApp } from './support/test-app';

interface RouteRule {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  allowed: Role[];
}

const ID = '00000000-0000-4000-8000-000000000000';

/** Every admin route and who may use it. The test fails when a route is added without a row here. */
const MATRIX: RouteRule[] = [
  { method: 'get', path: '/api/v1/admin/programmes', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/programmes/:id', allowed: ['admin', 'editor'] },
  { method: 'patch', path: '/api/v1/admin/programmes/:id', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/publish', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/unpublish', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/archive', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/restore', allowed: ['admin', 'editor'] },
  { method: 'delete', path: '/api/v1/admin/programmes/:id', allowed: ['admin'] },
  { method: 'get', path: '/api/v1/admin/programmes/:id/revisions', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/revisions/:version/restore', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/programmes/:id/suggested-updates', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/suggested-updates/:suggestionId/apply', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/suggested-updates/:suggestionId/dismiss', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/pending-changes', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/programmes/:id/pending-change', allowed: ['admin', 'editor'] },
  { method: 'patch', path: '/api/v1/admin/programmes/:id/pending-change', allowed: ['admin', 'editor'] },
  { method: 'delete', path: '/api/v1/admin/programmes/:id/pending-change', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/pending-change/approve', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/pending-change/publish', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/programmes/:id/pending-change/rebase', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/organisations', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/organisations/:slug', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/organisations', allowed: ['admin'] },
  { method: 'patch', path: '/api/v1/admin/organisations/:slug', allowed: ['admin'] },
  { method: 'delete', path: '/api/v1/admin/organisations/:slug', allowed: ['admin'] },
  { method: 'get', path: '/api/v1/admin/taxonomy', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/taxonomy/:facet', allowed: ['admin'] },
  { method: 'patch', path: '/api/v1/admin/taxonomy/:facet/:code', allowed: ['admin'] },
  { method: 'delete', path: '/api/v1/admin/taxonomy/:facet/:code', allowed: ['admin'] },
  { method: 'get', path: '/api/v1/admin/search/status', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/search/retry', allowed: ['admin'] },
  { method: 'get', path: '/api/v1/admin/search/synonyms', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/search/synonyms/:id', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/search/synonyms', allowed: ['admin'] },
  { method: 'put', path: '/api/v1/admin/search/synonyms/:id', allowed: ['admin'] },
  { method: 'delete', path: '/api/v1/admin/search/synonyms/:id', allowed: ['admin'] },
  { method: 'get', path: '/api/v1/admin/source-watch', allowed: ['admin', 'editor'] },
  { method: 'get', path: '/api/v1/admin/source-watch/programmes/:id', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/source-watch/programmes/:id/confirm', allowed: ['admin', 'editor'] },
  { method: 'post', path: '/api/v1/admin/source-watch/items/:itemId/dismiss', allowed: ['admin', 'editor'] },
];

const concrete = (path: string): string =>
  path
    .replace(':id', ID)
    .replace(':suggestionId', ID)
    .replace(':itemId', ID)
    .replace(':slug', 'no-such-slug')
    .replace(':facet', 'industry')
    .replace(':code', 'no_such_code');

describe('admin routes × roles', () => {
  let t: TestApp;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    tokens.admin = await t.tokenFor('admin');
    tokens.editor = await t.tokenFor('editor');
  });
  afterAll(() => t.close());

  it('the matrix lists every admin route the server has', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
    ).router;
    const served = router.stack
      .filter((layer) => layer.route?.path.startsWith('/api/v1/admin'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m} ${layer.route!.path}`))
      .sort();
    expect(served).toEqual(MATRIX.map((r) => `${r.method} ${r.path}`).sort());
  });

  describe.each(MATRIX)('$method $path', (rule) => {
    const send = (token?: string) => {
      const req = request(t.http)[rule.method](concrete(rule.path)).set('If-Match', '"1"');
      if (token) req.set('Authorization', `Bearer ${token}`);
      return rule.method === 'post' || rule.method === 'patch' ? req.send({}) : req;
    };

    it('anonymous → 401', async () => {
      const res = await send();
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH.REQUIRED');
    });

    it.each(['admin', 'editor'] as Role[])('%s → allowed or 403', async (role) => {
      const res = await send(tokens[role]);
      if (rule.allowed.includes(role)) {
        expect([200, 201, 204, 400, 404, 409, 412, 428]).toContain(res.status);
      } else {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('AUTH.FORBIDDEN');
      }
    });
  });
});
