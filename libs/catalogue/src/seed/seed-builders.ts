/**
 * Small builders that keep the shipped catalogue readable: every entry is a
 * plain admin-API create body, so the seeder validates it by the same rules as
 * an editor's input.
 */
import type { KeyFactGroup, KeyFactUnit } from '../programmes/programme.types';

export interface SeedSource {
  key: string;
  title: { ru: string; en: string };
  url: string;
  publisher: string;
  publishedOn: string | null;
  checkedOn: null;
}

export interface SeedFact {
  group: KeyFactGroup;
  label: { ru: string; en: string };
  value: { ru: string; en: string };
  number?: number;
  unit?: KeyFactUnit;
  asOf: string | null;
  source: string;
}

export interface SeedStep {
  text: { ru: string; en: string };
  url: string | null;
}

/**
 * A source page. `publishedOn` is the date the page shows (null: undated).
 * `checkedOn` stays empty: the catalogue team transcribed these facts from the
 * shared fact sheet and has not yet re-opened each page itself.
 */
export const source = (key: string, publisher: string, url: string, publishedOn: string | null, ru: string, en: string): SeedSource => ({
  key,
  title: { ru, en },
  url,
  publisher,
  publishedOn,
  checkedOn: null,
});

/** A key fact; it holds from its source's date unless told otherwise. */
export function fact(
  group: KeyFactGroup,
  from: SeedSource,
  label: [ru: string, en: string],
  value: [ru: string, en: string],
  figure?: { number: number; unit: KeyFactUnit },
): SeedFact {
  return {
    group,
    label: { ru: label[0], en: label[1] },
    value: { ru: value[0], en: value[1] },
    ...(figure ?? {}),
    asOf: from.publishedOn,
    source: from.key,
  };
}

export const step = (ru: string, en: string, url: string | null = null): SeedStep => ({ text: { ru, en }, url });

export const MLN = 1_000_000;
