import { REQUIRED_STATUS_LABELS, type Lang, type ProgrammeView } from '@app/catalogue';
import type { FacetTerm, SearchHit } from '@app/search';
import { amountText, deadlineBadge } from './search-page';
import { formatDate, formatRoubles, textFor } from './web-i18n';

type Terms = Record<string, FacetTerm[]>;

const label = (terms: Terms, facet: string, code: string, lang: Lang): string => {
  const term = terms[facet]?.find((t) => t.code === code);
  return term ? (lang === 'en' && term.label.en) || term.label.ru : code;
};

/** The programme page's content in one language (falling back to Russian, and saying so). */
export function programmePage(p: ProgrammeView, terms: Terms, related: SearchHit[], lang: Lang, now: Date, baseUrl: string) {
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
  if (c.companyAgeMinYears != null || c.companyAgeMaxYears != null) criteria.push(t.criterion.companyAge(c.companyAgeMinYears ?? null, c.companyAgeMaxYears ?? null));
  if (c.headcountMin != null || c.headcountMax != null) criteria.push(t.criterion.headcount(c.headcountMin ?? null, c.headcountMax ?? null));
  if (c.revenueMaxRub != null) criteria.push(t.criterion.revenue(formatRoubles(c.revenueMaxRub, lang)));
  if (c.applicantTypes?.length) criteria.push(`${t.criterion.applicantTypes}: ${c.applicantTypes.map((x) => label(terms, 'applicantType', x, lang)).join(', ')}`);
  if (c.industries?.length) criteria.push(`${t.criterion.industries}: ${c.industries.map((x) => label(terms, 'industry', x, lang)).join(', ')}`);
  if (c.territories?.length) criteria.push(`${t.criterion.territories}: ${c.territories.map((x) => label(terms, 'territory', x, lang)).join(', ')}`);
  if (c.requiredStatuses?.length) criteria.push(`${t.criterion.requiredStatuses}: ${c.requiredStatuses.map((x) => REQUIRED_STATUS_LABELS[x]?.[lang] ?? x).join(', ')}`);
  const percent = (n: number | null) => (n === null ? null : `${n.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB')} %`);
  const url = `${baseUrl}/programmes/${p.slug}${lang === 'ru' ? '' : '?lang=en'}`;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name: title.value,
    description: summary.value,
    url,
    inLanguage: lang,
    provider: { '@type': 'Organization', name: pick(p.provider.name).value, ...(p.provider.url ? { url: p.provider.url } : {}) },
    areaServed: { '@type': 'City', name: lang === 'ru' ? 'Москва' : 'Moscow' },
    ...(p.application.applyUrl ? { potentialAction: { '@type': 'ApplyAction', target: p.application.applyUrl } } : {}),
    ...(p.timing.closesAt ? { expires: p.timing.closesAt } : {}),
  };
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
    sourceUrl: p.curation.sourceUrl,
    sourceName: p.curation.sourceName,
    verifiedAt: p.curation.verifiedAt ? t.verifiedOn(formatDate(p.curation.verifiedAt, lang)) : null,
    needsVerification: p.curation.needsVerification,
    related: related
      .filter((r) => r.slug !== p.slug)
      .slice(0, 3)
      .map((r) => ({ title: r.title, provider: r.provider.name, url: `/programmes/${r.slug}${lang === 'ru' ? '' : '?lang=en'}` })),
    backUrl: lang === 'ru' ? '/' : '/?lang=en',
    // JSON inside <script>: `<` escaped so no text can close the element
    jsonLd: JSON.stringify(jsonLd).replace(/</g, '\\u003c'),
  };
}
