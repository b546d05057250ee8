import { Injectable } from '@nestjs/common';
import { AppConfig } from './app-config';

type Lang = 'ru' | 'en';

/** A programme's page on the site, relative; Russian is the default and needs no parameter. */
export const programmePath = (slug: string, lang: Lang = 'ru'): string => `/programmes/${slug}${lang === 'ru' ? '' : '?lang=en'}`;

/**
 * The site's public addresses, for everything that leaves the site (feeds,
 * calendars, exports, mail, OpenAPI, JSON-LD): built from PUBLIC_BASE_URL
 * only, never from a request's Host header.
 */
@Injectable()
export class PublicUrls {
  /** Without a trailing slash. */
  readonly base: string;

  constructor(config: AppConfig) {
    this.base = config.http.publicBaseUrl;
  }

  /** The absolute address of a path on the site (`/alerts/...`). */
  to(path: string): string {
    return `${this.base}${path}`;
  }

  /** The absolute address of a programme's page. */
  programme(slug: string, lang: Lang = 'ru'): string {
    return this.to(programmePath(slug, lang));
  }
}
