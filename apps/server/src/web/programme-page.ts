import { programmePath, type PublicUrls } from '@app/config';
import {
  factsAge,
  factVouchedOn,
  isPastFact,
  possiblyOutdated,
  REQUIRED_STATUS_LABELS,
  type KeyFact,
  type KeyFactGroup,
  type Lang,
  type ProgrammeView,
  type RelatedProgramme,
} from '@app/catalogue';
import type { FacetTerm } from '@app/search';
import { amountText, deadlineBadge } from './search-page';
import { formatDate, formatRoubles, textFor } from './web-i18n';

type Terms = Record<string, FacetTerm[]>;

const label = (terms: Terms, facet: string, code: string, lang: Lang): string => {
  const term = terms[facet]?.find((t) => t.code === code);
  return term ? (lang === 'en' && term.label.en) || term.label.ru : code;
};

/** A `YYYY-MM-DD` day as the page shows dates (noon UTC keeps it the same day in Moscow). */
const dayText = (day: string, lang: Lang): string => formatDate(`${day}T12:00:00Z`, lang);

/** A link in the reader's language where one exists, else the other, marked with the language it is in. */
export function linkFor(lang: Lang, ru: string | null, en: string | null): { url: string; lang: Lang; other: boolean } | null {
  if (lang === 'en' && en) return { url: en, lang: 'en', other: false };
  if (ru) return { url: ru, lang: 'ru', other: lang !== 'ru' };
  if (en) return { url: en, lang: 'en', other: lang !== 'en' };
  return null;
}

/**
 * The programme page's content in one language (falling back to Russian, and saying so).
 * `maxAgeDays`: a fact whose source is older than this is marked as possibly out of date.
 */
export function programmePage(
  p: ProgrammeView,
  terms: Terms,
  related: RelatedProgramme[],
  lang: Lang,
  now: Date,
  urls: PublicUrls,
  maxAgeDays: number,
) {
  const t = textFor(lang);
  const pick = (text: { ru: string | null; en: string | null }) => {
    const en = lang === 'en' ? text.en : null;
    return { value: en ?? text.ru, fallback: lang === 'en' && !en && !!text.ru };
  };
  const title = pick(p.title);
  const summary = pick(p.summary);
  const description = pick(p.description);
  const c = p.eligibility.criteria;
  const criteria: string[] = [];
  if (c.companyAgeMinYears != null || c.companyAgeMaxYears != null)
    criteria.push(t.criterion.companyAge(c.companyAgeMinYears ?? null, c.companyAgeMaxYears ?? null));
  if (c.headcountMin != null || c.headcountMax != null)
    criteria.push(t.criterion.headcount(c.headcountMin ?? null, c.headcountMax ?? null));
  if (c.revenueMaxRub != null) criteria.push(t.criterion.revenue(formatRoubles(c.revenueMaxRub, lang)));
  if (c.applicantTypes?.length)
    criteria.push(`${t.criterion.applicantTypes}: ${c.applicantTypes.map((x) => label(terms, 'applicantType', x, lang)).join(', ')}`);
  if (c.industries?.length)
    criteria.push(`${t.criterion.industries}: ${c.industries.map((x) => label(terms, 'industry', x, lang)).join(', ')}`);
  if (c.territories?.length)
    criteria.push(`${t.criterion.territories}: ${c.territories.map((x) => label(terms, 'territory', x, lang)).join(', ')}`);
  if (c.sizes?.length) criteria.push(`${t.criterion.sizes}: ${c.sizes.map((x) => label(terms, 'size', x, lang)).join(', ')}`);
  if (c.investmentMinRub != null) criteria.push(t.criterion.investment(formatRoubles(c.investmentMinRub, lang)));
  if (c.requiredStatuses?.length)
    criteria.push(`${t.criterion.requiredStatuses}: ${c.requiredStatuses.map((x) => REQUIRED_STATUS_LABELS[x]?.[lang] ?? x).join(', ')}`);
  const percent = (n: number | null) => (n === null ? null : `${n.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB')} %`);
  const url = urls.programme(p.slug, lang);
  const apply = linkFor(lang, p.application.applyUrl, p.application.applyUrlEn);
  const officialUrl = apply?.url ?? p.provider.url;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    '@id': url,
    name: title.value,
    description: summary.value,
    // the official page of the service, where one is known; this page is its mainEntityOfPage
    ...(officialUrl ? { url: officialUrl } : {}),
    mainEntityOfPage: url,
    inLanguage: lang,
    provider: { '@type': 'GovernmentOrganization', name: pick(p.provider.name).value, ...(p.provider.url ? { url: p.provider.url } : {}) },
    serviceOperator: {
      '@type': 'GovernmentOrganization',
      name: pick(p.provider.name).value,
      ...(p.provider.url ? { url: p.provider.url } : {}),
    },
    areaServed: { '@type': 'City', name: lang === 'ru' ? 'Москва' : 'Moscow', sameAs: 'https://www.wikidata.org/wiki/Q649' },
    ...(apply ? { potentialAction: { '@type': 'ApplyAction', target: apply.url } } : {}),
    ...(p.timing.closesAt ? { expires: p.timing.closesAt } : {}),
  };
  const sources = p.curation.sources;
  const sourceOf = (key: string | null) => sources.find((s) => s.key === key) ?? null;
  const fact = (f: KeyFact) => {
    const src = sourceOf(f.source);
    return {
      label: pick(f.label).value,
      value: pick(f.value).value,
      // plain text, not a link each: a screen reader hears each fact's own source once
      sourceLine: t.factSource(src?.publisher ?? f.source, f.asOf ? dayText(f.asOf, lang) : null),
      asOfIso: f.asOf,
      old: possiblyOutdated(factVouchedOn(f, sources), now, maxAgeDays),
      period: f.termsYear !== null ? t.termsOfYear(f.termsYear) : f.validUntil !== null ? t.validUntil(dayText(f.validUntil, lang)) : null,
    };
  };
  const current = p.keyFacts.filter((f) => !isPastFact(f, now));
  const factsIn = (group: KeyFactGroup) => current.filter((f) => f.group === group).map(fact);
  const age = factsAge(p.keyFacts, sources, now, maxAgeDays);
  const a = p.timing.availability;
  const said = sourceOf(a.source);
  const roundDay = (iso: string | null) => (iso ? formatDate(iso, lang) : null);
  const benefitLines = [
    ...(p.benefit.ratePercent !== null ? [{ label: t.rate, value: percent(p.benefit.ratePercent) as string }] : []),
    ...(p.benefit.termMonths !== null ? [{ label: t.term, value: t.termMonths(p.benefit.termMonths) }] : []),
  ];
  const contact = p.application.contacts;
  return {
    slug: p.slug,
    title: title.value,
    titleFallback: title.fallback,
    summary: summary.value,
    summaryFallback: summary.fallback,
    description: description.value,
    descriptionFallback: description.fallback,
    providerName: pick(p.provider.name).value,
    providerUrl: p.provider.url,
    supportTypeLabels: p.supportTypes.map((x) => label(terms, 'supportType', x, lang)),
    deadline: deadlineBadge({ status: p.timing.status, closesAt: p.timing.closesAt }, p.timing.opensAt, lang, now),
    status: {
      code: p.timing.status,
      text: t.statusText[p.timing.status],
      // what says so: the page behind standing or closed, or each round's announcement
      source: said ? { text: t.statusSource(said.publisher, a.asOf ? dayText(a.asOf, lang) : null), anchor: `source-${said.key}` } : null,
      rounds: a.rounds.map((r) => {
        const src = sourceOf(r.source);
        return {
          text: t.roundLine(roundDay(r.opensAt), roundDay(r.closesAt)),
          source: src ? t.statusSource(src.publisher, src.publishedOn ? dayText(src.publishedOn, lang) : null) : null,
        };
      }),
      note: pick(a.note).value,
    },
    apply: apply && { ...apply, note: apply.other ? t.linkLang[apply.lang] : null },
    contacts: {
      programme: contact.phone || contact.email || contact.url ? { phone: contact.phone, email: contact.email, url: contact.url } : null,
      provider: { phone: p.provider.phone, email: p.provider.email, url: p.provider.url, address: pick(p.provider.address).value },
    },
    amount: amountText(p.benefit.amountMin, p.benefit.amountMax, lang),
    benefit: pick(p.benefit.text).value,
    taxLines: p.benefit.taxReductions.map((r) => t.taxLine(t.tax[r.tax] ?? r.tax, percent(r.fromPercent), percent(r.toPercent), r.years)),
    eligibility: pick(p.eligibility.text).value,
    criteria,
    howToApply: pick(p.application.howToApply).value,
    documents: p.application.requiredDocuments.map((d) => (lang === 'en' && d.en) || d.ru),
    applyUrl: apply?.url ?? null,
    opensAt: p.timing.opensAt ? formatDate(p.timing.opensAt, lang) : null,
    opensAtIso: p.timing.opensAt,
    closesAt: p.timing.closesAt ? formatDate(p.timing.closesAt, lang) : null,
    closesAtIso: p.timing.closesAt,
    keyFacts: { benefit: factsIn('benefit'), eligibility: factsIn('eligibility'), timing: factsIn('timing'), scale: factsIn('scale') },
    pastFacts: p.keyFacts.filter((f) => isPastFact(f, now)).map(fact),
    factsNote: age.old > 0 ? t.factsNote(age.old, age.current) : null,
    checks: p.eligibility.checks.map((c) => pick(c).value),
    benefitLines,
    rate: p.benefit.ratePercent !== null ? percent(p.benefit.ratePercent) : null,
    term: p.benefit.termMonths !== null ? t.termMonths(p.benefit.termMonths) : null,
    steps: p.application.steps.map((step) => ({ text: pick(step.text).value, url: step.url })),
    sources: p.curation.sources.map((src) => ({
      anchor: `source-${src.key}`,
      title: pick(src.title).value,
      url: src.url,
      publisher: src.publisher,
      kind: t.sourceKind[src.kind],
      date: src.publishedOn ? t.pageDate(dayText(src.publishedOn, lang)) : t.pageUndated,
      checked: src.checkedOn ? t.checkedOn(dayText(src.checkedOn, lang)) : null,
    })),
    lastChecked: p.curation.lastCheckedOn ? t.lastChecked(dayText(p.curation.lastCheckedOn, lang)) : t.neverChecked,
    related: related.map((r) => ({
      title: pick(r.title).value,
      titleFallback: pick(r.title).fallback,
      provider: pick(r.provider).value,
      status: deadlineBadge({ status: r.status, closesAt: r.closesAt }, null, lang, now).text,
      url: programmePath(r.slug, lang),
    })),
    backUrl: lang === 'ru' ? '/' : '/?lang=en',
    shareUrl: programmePath(p.slug, lang),
    // JSON inside <script>: `<` escaped so no text can close the element
    jsonLd: JSON.stringify(jsonLd).replace(/</g, '\\u003c'),
  };
}
