import { compactRoubles } from './web-i18n';

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
