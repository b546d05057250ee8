/**
 * Official sites of support providers and government portals, city and federal. An "apply"
 * link must lead to one of these (or a subdomain), or to the provider's own site: an
 * entrepreneur who follows it files an application, not a news story.
 */
export const OFFICIAL_APPLY_HOSTS = [
  // Moscow
  'mos.ru',
  'i.moscow',
  'investmoscow.ru',
  'technomoscow.com',
  'prommoscow.info',
  'innoagency.ru',
  'mfppp.ru',
  // сделановмоскве.рф, the Made in Moscow project's portal
  'xn--80aeaffd7aflilc4aj.xn--p1ai',
  // federal: government bodies (*.gov.ru), Gosuslugi and the development institutions' own sites
  'gov.ru',
  'gosuslugi.ru',
  'fasie.ru',
  'frprf.ru',
  'corpmsp.ru',
  // мсп.рф, the federal SME portal
  'xn--l1agf.xn--p1ai',
  'exportcenter.ru',
  'sk.ru',
  'rfrit.ru',
] as const;

/** Where the texts of laws and decrees are published: a source there is the legal act itself. */
export const LEGAL_TEXT_HOSTS = ['pravo.gov.ru', 'garant.ru', 'consultant.ru', 'cntd.ru'] as const;

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
};

const within = (host: string, site: string): boolean => host === site || host.endsWith(`.${site}`);

/** Whether `url` is on one of `sites` (or a subdomain). */
const onSite = (url: string, sites: readonly string[]): boolean => {
  const host = hostOf(url);
  return !!host && sites.some((site) => within(host, site));
};

/** The kind a source on this page most likely is, for a source whose kind nobody stated: official portals and legal texts, else other. */
export const likelyKind = (url: string | null): 'official' | 'other' =>
  url && (onSite(url, OFFICIAL_APPLY_HOSTS) || onSite(url, LEGAL_TEXT_HOSTS)) ? 'official' : 'other';

/**
 * Whether a link is an English page: a Russian page must not send people to one
 * (`/en/`, `en.` sites, `_en`/`_eng` page names).
 */
export function looksEnglish(url: string): boolean {
  try {
    const u = new URL(url);
    return /^en\./i.test(u.hostname) || /(^|\/)en(\/|$)|_en(g\d*)?(\/|$|\.)|[-_]eng\d*(\/|$)/i.test(u.pathname);
  } catch {
    return false;
  }
}

/** Portals that carry many programmes: their home page is never a programme's own page. */
export const GENERAL_PORTALS = [
  'mos.ru',
  'i.moscow',
  'investmoscow.ru',
  'prommoscow.info',
  'gosuslugi.ru',
  'gov.ru',
  'xn--l1agf.xn--p1ai',
] as const;

/**
 * Whether a link is only the home page (no path, query or fragment) of a portal or of the provider's
 * own site, both of which carry many programmes, rather than the programme's own page. A site of
 * the programme's own (Made in Moscow's portal) is its page.
 */
export function isHomePage(url: string, providerUrl: string | null = null): boolean {
  try {
    const u = new URL(url);
    if (!((u.pathname === '/' || u.pathname === '') && !u.search && !u.hash)) return false;
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    const providerHost = providerUrl ? hostOf(providerUrl)?.replace(/^www\./, '') : null;
    // the portal itself, not a site of its own under the portal's domain (zakupki.mos.ru is the supplier portal's)
    return (GENERAL_PORTALS as readonly string[]).includes(host) || host === providerHost;
  } catch {
    return false;
  }
}

/** Whether `url` is on an official portal or on the provider's own site (`providerUrl`). */
export function isOfficialApplyUrl(url: string, providerUrl: string | null): boolean {
  const host = hostOf(url);
  if (!host) return false;
  const providerHost = providerUrl ? hostOf(providerUrl)?.replace(/^www\./, '') : null;
  return OFFICIAL_APPLY_HOSTS.some((site) => within(host, site)) || (!!providerHost && within(host, providerHost));
}
