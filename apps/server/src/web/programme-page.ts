import { programmePath, type PublicUrls } from '@app/config';
import { possiblyOutdated, REQUIRED_STATUS_LABELS, type KeyFact, type KeyFactGroup, type Lang, type ProgrammeView } from '@app/catalogue';
import type { FacetTerm, SearchHit } from '@app/search';
import { amountText, deadlineBadge } from './search-page';
import { formatDate, formatRoubles, textFor } from './web-i18n';

type Terms = Record<string, FacetTerm[]>;

const label = (terms: Terms, facet: string, code: string, lang: Lang): string => {
  const term = terms[facet]?.find((t) => t.code === code);
  return term ? (lang === 'en' && term.label.en) || term.label.ru : code;
};

/** A `YYYY-MM-DD` day as the page shows dates (noon UTC keeps it the same day in Moscow). */
const dayText = (day: string, lang: Lang): string => formatDate(`${day}T12:00:00Z`, lang);

/**
 * The programme page's content in one language (falling back to Russian, and saying so).
 * `maxAgeDays`: a newest source older than this marks the entry as possibly out of date.
 */
export function programmePage(
  p: ProgrammeView,
  terms: Terms,
  related: SearchHit[],
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
  const officialUrl = p.application.applyUrl ?? p.provider.url;
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
    ...(p.application.applyUrl ? { potentialAction: { '@type': 'ApplyAction', target: p.application.applyUrl } } : {}),
    ...(p.timing.closesAt ? { expires: p.timing.closesAt } : {}),
  };
  const sourceTitles = new Map(p.curation.sources.map((src) => [src.key, src.publisher]));
  const fact = (f: KeyFact) => ({
    label: pick(f.label).value,
    value: pick(f.value).value,
    asOf: f.asOf ? t.asOf(dayText(f.asOf, lang)) : t.undated,
    asOfIso: f.asOf,
    source: sourceTitles.get(f.source) ?? f.source,
    sourceAnchor: `source-${f.source}`,
  });
  const factsIn = (group: KeyFactGroup) => p.keyFacts.filter((f) => f.group === group).map(fact);
  const benefitLines = [
    ...(p.benefit.ratePercent !== null ? [{ label: t.rate, value: percent(p.benefit.ratePercent) as string }] : []),
    ...(p.benefit.termMonths !== null ? [{ label: t.term, value: t.termMonths(p.benefit.termMonths) }] : []),
  ];
  const outdated = possiblyOutdated(p.curation.newestSourceOn, now, maxAgeDays);
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
    amount: amountText(p.benefit.amountMin, p.benefit.amountMax, lang),
    benefit: pick(p.benefit.text).value,
    taxLines: p.benefit.taxReductions.map((r) => t.taxLine(t.tax[r.tax] ?? r.tax, percent(r.fromPercent), percent(r.toPercent), r.years)),
    eligibility: pick(p.eligibility.text).value,
    criteria,
    howToApply: pick(p.application.howToApply).value,
    documents: p.application.requiredDocuments.map((d) => (lang === 'en' && d.en) || d.ru),
    applyUrl: p.application.applyUrl,
    contacts: p.application.contacts,
    opensAt: p.timing.opensAt ? formatDate(p.timing.opensAt, lang) : null,
    opensAtIso: p.timing.opensAt,
    closesAt: p.timing.closesAt ? formatDate(p.timing.closesAt, lang) : null,
    closesAtIso: p.timing.closesAt,
    keyFacts: { benefit: factsIn('benefit'), eligibility: factsIn('eligibility'), timing: factsIn('timing'), scale: factsIn('scale') },
    benefitLines,
    rate: p.benefit.ratePercent !== null ? percent(p.benefit.ratePercent) : null,
    term: p.benefit.termMonths !== null ? t.termMonths(p.benefit.termMonths) : null,
    steps: p.application.steps.map((step) => ({ text: pick(step.text).value, url: step.url })),
    sources: p.curation.sources.map((src) => ({
      anchor: `source-${src.key}`,
      title: pick(src.title).value,
      url: src.url,
      publisher: src.publisher,
      date: src.publishedOn ? t.pageDate(dayText(src.publishedOn, lang)) : t.pageUndated,
      checked: src.checkedOn ? t.checkedOn(dayText(src.checkedOn, lang)) : null,
    })),
    lastChecked: p.curation.lastCheckedOn ? t.lastChecked(dayText(p.curation.lastCheckedOn, lang)) : t.neverChecked,
    outdated: outdated ? t.outdated(p.curation.newestSourceOn ? dayText(p.curation.newestSourceOn, lang) : null, maxAgeDays) : null,
    related: related
      .filter((r) => r.slug !== p.slug)
      .slice(0, 3)
      .map((r) => ({ title: r.title, provider: r.provider.name, url: programmePath(r.slug, lang) })),
    backUrl: lang === 'ru' ? '/' : '/?lang=en',
    shareUrl: programmePath(p.slug, lang),
    // JSON inside <script>: `<` escaped so no text can close the element
    jsonLd: JSON.stringify(jsonLd).replace(/</g, '\\u003c'),
  };
}
