// A consultant's program, written against the client generated from /api/openapi.json.
// It is only compiled (test/openapi-clients.e2e-spec.ts): if the document mistypes a field,
// an operation's answer or a parameter, this stops compiling.
import createClient from 'openapi-fetch';
import type { components, paths } from './api';

type Programme = components['schemas']['ProgrammeView'];
type ErrorCode = components['schemas']['ErrorBody']['code'];

/** What the program read, typed as the client says (it only has to compile). */
export const seen: unknown[] = [];
const keep = (...values: unknown[]): void => void seen.push(...values);

export async function consultant(baseUrl: string, key: string, token: string): Promise<void> {
  const api = createClient<paths>({ baseUrl, headers: { 'X-API-Key': key } });

  // search, with facets, a date range and counts only
  const found = await api.GET('/api/v1/programmes', {
    params: {
      query: {
        q: 'кредит',
        supportType: ['grant_subsidy'],
        status: ['open', 'ongoing'],
        closesBefore: '2026-12-31',
        amountMin: 1_000_000,
        perPage: 5,
        lang: 'en',
      },
    },
  });
  if (found.error) {
    const code: ErrorCode = found.error.code;
    keep(code, found.error.details);
  } else {
    const total: number = found.data.total;
    const slugs: string[] = found.data.hits.map((h) => h.slug);
    const provider: string = found.data.hits[0]?.provider.name ?? '';
    keep(total, slugs, provider);
  }
  await api.GET('/api/v1/programmes', { params: { query: { perPage: 0 } } });

  // one programme in full
  const one = await api.GET('/api/v1/programmes/{slug}', { params: { path: { slug: 'sme-premises' } } });
  if (one.data) {
    const p: Programme = one.data;
    const amount: number | null = p.benefit.amountMax;
    const years: number | null | undefined = p.benefit.taxReductions[0]?.years;
    const providerName: string = p.provider.name.ru;
    const english: string | null = p.title.en;
    keep(
      amount,
      years,
      providerName,
      english,
      p.curation.sources.map((s) => s.publishedOn),
    );
  }

  // exports
  const csv = await api.GET('/api/v1/programmes.csv', { params: { query: { lang: 'en', status: ['open'] } }, parseAs: 'text' });
  const rows: string | undefined = csv.data;
  const all = await api.GET('/api/v1/programmes.json', {});
  const ids: string[] = (all.data ?? []).map((p) => p.id);
  keep(rows?.length, ids.length);

  // the change feed loop, keyed by id
  const copy = new Map<string, Programme>();
  let since: string | undefined;
  for (;;) {
    const page = await api.GET('/api/v1/changes', { params: { query: { since, limit: 500 } } });
    if (!page.data) break;
    for (const event of page.data.events) {
      const renamedFrom: string | undefined = event.previousSlug;
      if (event.type === 'created' || event.type === 'updated') copy.set(event.id, event.programme!);
      else copy.delete(event.id);
      keep(renamedFrom);
    }
    since = page.data.next;
    if (!page.data.hasMore) break;
  }

  // an editor's change, with the version last read
  const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
  const read = await admin.GET('/api/v1/admin/programmes/{id}', { params: { path: { id: ids[0] ?? '' } } });
  if (read.data) {
    const patched = await admin.PATCH('/api/v1/admin/programmes/{id}', {
      params: { path: { id: read.data.id }, header: { 'If-Match': `"${read.data.version}"` } },
      body: { summary: { en: 'In short' }, benefit: { amountMin: 100_000, amountMax: null } },
    });
    const version: number | undefined = patched.data?.version;
    if (patched.error) {
      const conflict: ErrorCode = patched.error.code;
      keep(conflict);
    }
    keep(version);
  }
  const created = await admin.POST('/api/v1/admin/organisations', {
    body: { slug: 'new-fund', name: { ru: 'Новый фонд', en: null }, url: null },
  });
  const createdSlug: string | undefined = created.data?.slug;
  keep(createdSlug);
}
