import { compactRoubles, formatDate, textFor } from './web-i18n';

describe('compactRoubles', () => {
  it.each([
    [65_600_000, 405_000_000, 'ru', '65,6–405 млн ₽'],
    [null, 1_500_000_000, 'ru', 'до 1,5 млрд ₽'],
    [300_000, null, 'ru', 'от 300 тыс. ₽'],
    [5_000_000, 5_000_000, 'ru', 'до 5 млн ₽'],
    [65_600_000, 405_000_000, 'en', 'RUB 65.6–405m'],
    [null, 1_500_000_000, 'en', 'up to RUB 1.5bn'],
    [null, 950, 'ru', 'до 950 ₽'],
    [null, null, 'ru', null],
  ] as const)('%s–%s in %s is %s', (min, max, lang, expected) => {
    expect(compactRoubles(min, max, lang)).toBe(expected);
  });
});

describe('dates in sentences', () => {
  /** Every phrase of the site's words, called with a date where it takes an argument. */
  function phrases(node: unknown, date: string, out: string[] = []): string[] {
    if (typeof node === 'string') out.push(node);
    else if (typeof node === 'function') {
      const said: unknown = (node as (...a: unknown[]) => unknown)(...Array.from({ length: node.length }, () => date));
      if (typeof said === 'string') out.push(said);
    } else if (node && typeof node === 'object') for (const value of Object.values(node)) phrases(value, date, out);
    return out;
  }

  it('never ends a sentence with a second full stop after a Russian date ("7 декабря 2026 г.")', () => {
    const date = formatDate('2026-12-07T12:00:00Z', 'ru');
    expect(date).toBe('7 декабря 2026 г.');
    const doubled = phrases(textFor('ru'), date).filter((p) => p.includes('г..'));
    expect(doubled).toEqual([]);
    expect(textFor('ru').lastChecked(date)).toBe('Редакция сверяла сведения с источниками 7 декабря 2026 г.');
    expect(textFor('en').lastChecked('7 December 2026')).toBe('Our editors last compared this entry with its sources on 7 December 2026.');
  });
});
