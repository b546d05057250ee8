import { randomBytes } from 'node:crypto';

const suffix = (): string => randomBytes(4).toString('hex');

export const uniqueSlug = (prefix = 'programme'): string => `${prefix}-${suffix()}`;

/** What publishing needs beyond a title and summary: a source, application steps and a way to act (an official page). */
export const PUBLISHABLE = {
  application: {
    applyUrl: 'https://www.mos.ru/test-programme',
    steps: [{ text: { ru: 'Подайте заявку', en: 'Apply' } }, { text: { ru: 'Дождитесь решения', en: 'Wait for the decision' } }],
  },
  curation: {
    sources: [
      {
        key: 's1',
        title: { ru: 'Страница программы' },
        url: 'https://www.mos.ru/test-programme',
        publisher: 'mos.ru',
        kind: 'official',
        publishedOn: '2026-01-15',
      },
    ],
  },
};

const instant = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** An availability of one dated round, announced by the PUBLISHABLE source (`s1`). */
export const round = (opensAt: Date | string | null, closesAt: Date | string | null) => ({
  timing: {
    availability: {
      kind: 'rounds' as const,
      rounds: [{ opensAt: instant(opensAt), closesAt: instant(closesAt), source: 's1' }],
      source: null,
      asOf: null,
      note: { ru: null, en: null },
    },
  },
});

/** A valid admin-API create body; override any field. Uses codes from the shipped taxonomy. */
export function programmeInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: uniqueSlug(),
    provider: 'moscow-government',
    title: { ru: 'Тестовая программа поддержки', en: 'Test support programme' },
    summary: { ru: 'Краткое описание тестовой программы.', en: 'A short summary of the test programme.' },
    supportTypes: ['grant_subsidy'],
    territories: ['moscow'],
    ...structuredClone(PUBLISHABLE),
    ...overrides,
  };
}

export const strongPassword = (): string => `pw-${randomBytes(12).toString('base64url')}`;
export const uniqueEmail = (role: string): string => `${role}-${suffix()}@example.org`;
