import { randomBytes } from 'node:crypto';

const suffix = (): string => randomBytes(4).toString('hex');

export const uniqueSlug = (prefix = 'programme'): string => `${prefix}-${suffix()}`;

/** What publishing needs beyond a title and summary: a source and application steps. */
export const PUBLISHABLE = {
  application: {
    steps: [{ text: { ru: 'Подайте заявку', en: 'Apply' } }, { text: { ru: 'Дождитесь решения', en: 'Wait for the decision' } }],
  },
  curation: {
    sources: [
      {
        key: 's1',
        title: { ru: 'Страница программы' },
        url: 'https://mos.ru/test-programme',
        publisher: 'mos.ru',
        publishedOn: '2026-01-15',
      },
    ],
  },
};

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
