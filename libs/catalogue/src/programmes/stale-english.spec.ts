import { staleEnglish } from './stale-english';

const record = (factRu: string, factEn: string | null, titleRu = 'Грант', titleEn: string | null = 'Grant') => ({
  title: { ru: titleRu, en: titleEn },
  keyFacts: [
    { group: 'benefit', label: { ru: 'Сумма', en: 'Amount' }, value: { ru: factRu, en: factEn }, number: null },
    { group: 'term', label: { ru: 'Срок', en: 'Term' }, value: { ru: '5 лет', en: '5 years' }, number: 5 },
  ],
  application: { steps: [{ text: { ru: 'Подайте заявку', en: 'Apply' }, url: null }] },
});

describe('English that may be out of date', () => {
  it('marks the English of a pair whose Russian alone changed, a key fact included', () => {
    const before = record('до 10 млн ₽', 'up to RUB 10 mln');
    const after = record('до 50 млн ₽', 'up to RUB 10 mln');
    expect(staleEnglish(before, after, [])).toEqual([{ path: 'keyFacts.0.value', ru: 'до 50 млн ₽', en: 'up to RUB 10 mln' }]);
  });

  it('does not mark a pair whose English changed too, or that has no English', () => {
    expect(staleEnglish(record('до 10 млн ₽', 'up to 10'), record('до 50 млн ₽', 'up to 50'), [])).toEqual([]);
    expect(staleEnglish(record('до 10 млн ₽', null), record('до 50 млн ₽', null), [])).toEqual([]);
  });

  it('keeps a mark through unrelated saves and drops it once the English is edited or confirmed', () => {
    const marked = staleEnglish(record('до 10 млн ₽', 'up to 10'), record('до 50 млн ₽', 'up to 10'), []);
    const unrelated = staleEnglish(record('до 50 млн ₽', 'up to 10'), record('до 50 млн ₽', 'up to 10', 'Грант 2026'), marked);
    expect(unrelated.map((m) => m.path)).toEqual(['keyFacts.0.value', 'title']);
    expect(staleEnglish(record('до 50 млн ₽', 'up to 10'), record('до 50 млн ₽', 'up to 50'), marked)).toEqual([]);
    expect(staleEnglish(record('до 50 млн ₽', 'up to 10'), record('до 50 млн ₽', 'up to 10'), marked, marked)).toEqual([]);
    // a confirmation given on other texts confirms nothing
    expect(staleEnglish(record('до 50 млн ₽', 'up to 10'), record('до 60 млн ₽', 'up to 10'), marked, marked).map((m) => m.ru)).toEqual([
      'до 60 млн ₽',
    ]);
  });
});
