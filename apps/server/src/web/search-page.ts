import { programmePath } from '@app/config';
import { ACCEPTING_STATUSES } from '@app/catalogue';
import type { Lang } from '@app/catalogue';
import {
  rangeParams,
  type RangeValues,
  SEARCH_FACETS,
  type SearchFacet,
  type SearchHit,
  type SearchResponse,
  type SortOrder,
  SORT_ORDERS,
} from '@app/search';
import { compactRoubles, formatDate, formatRoubles, textFor } from './web-i18n';
import { REQUIRED_STATUS_LABELS, type RequiredStatus } from '@app/catalogue';

/** The state of the search page: exactly what its URL says. */
export interface SearchState {
  q: string;
  facets: Partial<Record<SearchFacet, string[]>>;
  sort?: SortOrder;
  page: number;
  /** Only in the URL when it differs from the default. */
  perPage?: number;
  lang: Lang;
  /** A questionnaire's answers (the /match query string): cards then say whether each programme fits. */
  profile?: string;
  /** Ranges (RANGE_FILTERS) have no controls on the page yet, but a URL that carries them keeps them. */
  ranges?: RangeValues;
}

export const DEFAULT_PER_PAGE = 20;

/** Facet panels in the order people decide by. */
// whether a programme still takes applications comes first: it is what a visitor needs to know before anything else
export const FACET_ORDER: SearchFacet[] = [
  'status',
  'supportType',
  'objective',
  'applicantType',
  'size',
  'stage',
  'industry',
  'territory',
  'provider',
];

/** The URL of a search state; parameters in a fixed order so equal states share a URL. */
export function searchUrl(state: SearchState, path = '/'): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of SEARCH_FACETS) for (const code of state.facets[facet] ?? []) params.append(facet, code);
  for (const [param, value] of rangeParams(state.ranges ?? {})) params.set(param, value);
  if (state.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.perPage && state.perPage !== DEFAULT_PER_PAGE) params.set('perPage', String(state.perPage));
  if (state.profile) params.set('profile', state.profile);
  if (state.lang !== 'ru') params.set('lang', state.lang);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

const without = (state: SearchState, facet: SearchFacet, code: string): SearchState => ({
  ...state,
  page: 1,
  facets: { ...state.facets, [facet]: (state.facets[facet] ?? []).filter((c) => c !== code) },
});

export interface DeadlineBadge {
  text: string;
  tone: 'open' | 'soon' | 'closed' | 'upcoming' | 'standing' | 'unconfirmed';
}

const DAY = 86_400_000;

/** "closes in 5 days", "closed", "always open", "status not confirmed", "opens 1 March 2027". */
export function deadlineBadge(hit: Pick<SearchHit, 'status' | 'closesAt'>, opensAt: string | null, lang: Lang, now: Date): DeadlineBadge {
  const t = textFor(lang);
  if (hit.status === 'closed') return { text: t.closed, tone: 'closed' };
  if (hit.status === 'not_confirmed') return { text: t.notConfirmed, tone: 'unconfirmed' };
  if (hit.status === 'standing') return { text: t.standing, tone: 'standing' };
  if (hit.status === 'upcoming') return { text: opensAt ? t.opensOn(formatDate(opensAt, lang)) : t.upcoming, tone: 'upcoming' };
  if (!hit.closesAt) return { text: t.openNoDeadline, tone: 'open' };
  const days = Math.max(0, Math.floor((new Date(hit.closesAt).getTime() - now.getTime()) / DAY));
  return { text: t.closesIn(days), tone: days <= 14 ? 'soon' : 'open' };
}

export function amountText(min: number | null, max: number | null, lang: Lang): string | null {
  const t = textFor(lang);
  if (min !== null && max !== null) return t.range(formatRoubles(min, lang), formatRoubles(max, lang));
  if (max !== null) return t.upTo(formatRoubles(max, lang));
  if (min !== null) return t.from(formatRoubles(min, lang));
  return null;
}

/** Everything the search templates show, computed here so templates only lay it out. */
export interface OpenBySupportType {
  code: string;
  label: string;
  count: number;
  share: number;
  url: string;
}

/** The landing chart: how many programmes of each support type take applications now (a round running, or always open). */
export function openBySupportType(open: SearchResponse, lang: Lang): OpenBySupportType[] {
  const values = open.facets.supportType.filter((v) => v.count > 0).sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...values.map((v) => v.count));
  return values.map((v) => ({
    code: v.code,
    label: v.label,
    count: v.count,
    share: Math.round((v.count / max) * 100),
    url: searchUrl({ q: '', facets: { supportType: [v.code], status: [...ACCEPTING_STATUSES] }, page: 1, lang }),
  }));
}

/**
 * The landing page's count of programmes by status (taking applications, opening soon, not
 * confirmed, closed), each linking to that search: from the status facet, which counts every
 * status whatever the status selection.
 */
export function byStatus(any: SearchResponse, lang: Lang): { code: string; label: string; count: number; url: string }[] {
  return any.facets.status.map((v) => ({
    code: v.code,
    label: v.label,
    count: v.count,
    url: searchUrl({ q: '', facets: { status: [v.code] }, page: 1, lang }),
  }));
}

const SME = ['micro', 'small', 'medium'];

/** Two or three conditions a card shows at a glance: who it is for and what it asks. */
export function glanceOf(hit: SearchHit, lang: Lang, sizeLabels?: Map<string, string>): string[] {
  const g = textFor(lang).glance;
  const out: string[] = [];
  // every size is no condition; small and medium ones alone read as "for SMEs"
  const anySize = SME.every((s) => hit.sizes.includes(s)) && hit.sizes.includes('large');
  if (hit.sizes.length && hit.sizes.every((s) => SME.includes(s))) out.push(g.sme);
  else if (hit.sizes.length && !anySize) out.push(g.forSizes(hit.sizes.map((s) => sizeLabels?.get(s) ?? s).join(', ')));
  for (const status of hit.conditions.requiredStatuses)
    out.push(g.status(REQUIRED_STATUS_LABELS[status as RequiredStatus]?.[lang] ?? status));
  if (hit.conditions.companyAgeMinYears) out.push(g.ageFrom(hit.conditions.companyAgeMinYears));
  if (hit.conditions.companyAgeMaxYears != null) out.push(g.ageTo(hit.conditions.companyAgeMaxYears));
  if (hit.conditions.headcountMax != null) out.push(g.headcountTo(hit.conditions.headcountMax));
  if (hit.conditions.investmentMinRub != null) out.push(g.investmentFrom(compactRoubles(hit.conditions.investmentMinRub, null, lang)!));
  return out.slice(0, 3);
}

/** A facet shows this many values, the rest behind "show all" (and a filter box, with JavaScript). */
const FACET_TOP = 8;

export function searchPage(
  state: SearchState,
  result: SearchResponse,
  now: Date,
  maxAgeDays: number,
  chart: OpenBySupportType[] = [],
  verdicts: Map<string, 'fits' | 'partly' | 'does_not_fit'> | null = null,
) {
  const t = textFor(state.lang);
  const labels = new Map(FACET_ORDER.map((f) => [f, new Map(result.facets[f].map((v) => [v.code, v.label]))]));
  const chips = FACET_ORDER.flatMap((facet) =>
    (state.facets[facet] ?? []).map((code) => ({
      facet,
      facetTitle: t.facets[facet],
      label: labels.get(facet)?.get(code) ?? code,
      removeUrl: searchUrl(without(state, facet, code)),
    })),
  );
  const collator = new Intl.Collator(state.lang, { numeric: true, sensitivity: 'base' });
  const panels = FACET_ORDER.map((facet) => {
    // the most used values first, ties in natural order ("№2" before "№10"); statuses keep their own order
    const values =
      facet === 'status'
        ? result.facets[facet]
        : [...result.facets[facet]].sort(
            (a, b) => Number(b.selected) - Number(a.selected) || b.count - a.count || collator.compare(a.label, b.label),
          );
    const max = Math.max(1, ...values.map((v) => v.count));
    const shown = values.length > FACET_TOP + 2 ? FACET_TOP : values.length;
    return {
      facet,
      title: t.facets[facet],
      more: values.length - shown,
      long: values.length > FACET_TOP + 2,
      open: values.some((v) => v.selected) || facet === 'status' || facet === 'supportType',
      selected: values.some((v) => v.selected),
      values: values.slice(0, shown).map((v) => ({ ...v, share: Math.round((v.count / max) * 100) })),
      rest: values.slice(shown).map((v) => ({ ...v, share: Math.round((v.count / max) * 100) })),
    };
  }).filter((p) => p.values.length > 0);
  const pages = Math.max(1, Math.ceil(result.total / result.perPage));
  const pageLinks = pageNumbers(state.page, pages).map((n) =>
    n === null ? null : { n, url: searchUrl({ ...state, page: n }), current: n === state.page },
  );
  const summary = [t.found(result.total), state.q ? t.forQuery(state.q) : ''].filter(Boolean).join(' ');
  // the heading announced after an update says which filters apply ("Найдено 8 программ: Москва, Гранты")
  const summaryFilters = chips.map((c) => c.label).join(', ');
  const filterSummary = chips.length ? `${t.activeFilters}: ${chips.map((c) => `${c.facetTitle} — ${c.label}`).join('; ')}.` : t.noFilters;
  return {
    t,
    state,
    summary,
    summaryFilters,
    filterSummary,
    chips,
    clearUrl: searchUrl({ q: state.q, facets: {}, page: 1, perPage: state.perPage, lang: state.lang, sort: state.sort }),
    resetUrl: searchUrl({ q: '', facets: {}, page: 1, lang: state.lang }),
    panels,
    sorts: SORT_ORDERS.map((s) => ({ value: s, label: t.sorts[s], selected: s === result.sort })),
    hits: result.hits.map((hit) => ({
      ...hit,
      url: programmePath(hit.slug, state.lang),
      supportTypeLabels: hit.supportTypes.map((code) => labels.get('supportType')?.get(code) ?? code),
      deadline: deadlineBadge(hit, null, state.lang, now),
      amount: compactRoubles(hit.amountMin, hit.amountMax, state.lang),
      glance: glanceOf(hit, state.lang, labels.get('size')),
      verdict: verdicts?.get(hit.slug) ?? null,
      fallback: hit.lang !== state.lang,
      // each fact judged from its own source: one fresh source never hides older facts
      outdated: hit.facts.old > 0 ? t.factsOld(hit.facts.old, hit.facts.current, maxAgeDays) : null,
    })),
    total: result.total,
    pages,
    pageLinks,
    previousUrl: state.page > 1 ? searchUrl({ ...state, page: state.page - 1 }) : null,
    nextUrl: state.page < pages ? searchUrl({ ...state, page: state.page + 1 }) : null,
    languageUrl: searchUrl({ ...state, lang: state.lang === 'ru' ? 'en' : 'ru' }),
    shareUrl: searchUrl(state),
    profile: state.profile
      ? {
          matchUrl: `/match?${state.profile}${state.lang === 'ru' ? '' : '&lang=en'}`,
          removeUrl: searchUrl({ ...state, profile: undefined, page: 1 }),
        }
      : null,
    didYouMean: result.didYouMean ? { text: result.didYouMean, url: searchUrl({ ...state, q: result.didYouMean, page: 1 }) } : null,
    // the search an alert follows: its filters and text, not the page or language
    alertQuery: searchUrl({ ...state, page: 1, lang: 'ru', sort: undefined, perPage: undefined }).split('?')[1] ?? '',
    atomUrl: searchUrl({ ...state, page: 1, perPage: undefined, sort: undefined }, '/feed.atom'),
    icsUrl: searchUrl({ ...state, page: 1, perPage: undefined, sort: undefined }, '/deadlines.ics'),
    degraded: result.degraded,
    someWords: !result.matchedAllWords,
    chart,
    rangeParams: Object.fromEntries(rangeParams(state.ranges ?? {})),
  };
}

/** 1 … 4 5 [6] 7 8 … 20: the first, the last and two either side of the current page. */
export function pageNumbers(current: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1] > 1) out.push(null);
    out.push(n);
  });
  return out;
}
