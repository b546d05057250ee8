/**
 * Official sites of Moscow's support providers and city portals. An "apply" link
 * must lead to one of these (or a subdomain), or to the provider's own site: an
 * entrepreneur who follows it files an application, not a news story.
 */
export const OFFICIAL_APPLY_HOSTS = [
  'mos.ru',
  'i.moscow',
  'investmoscow.ru',
  'technomoscow.com',
  'prommoscow.info',
  'innoagency.ru',
  // сделановмоскве.рф, the Made in Moscow project's portal
  'xn--80aeaffd7aflilc4aj.xn--p1ai',
  'gosuslugi.ru',
] as const;

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
};

const within = (host: string, site: string): boolean => host === site || host.endsWith(`.${site}`);

/** Whether `url` is on an official portal or on the provider's own site (`providerUrl`). */
export function isOfficialApplyUrl(url: string, providerUrl: string | null): boolean {
  const host = hostOf(url);
  if (!host) return false;
  const providerHost = providerUrl ? hostOf(providerUrl)?.replace(/^www\./, '') : null;
  return OFFICIAL_APPLY_HOSTS.some((site) => within(host, site)) || (!!providerHost && within(host, providerHost));
}
