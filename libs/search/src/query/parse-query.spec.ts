import { buildSynonymIndex, parseQuery } from './parse-query';

const synonyms = buildSynonymIndex([
  ['МСП', 'малый и средний бизнес', 'SME'],
  ['ОЭЗ', 'особая экономическая зона'],
]);
const texts = (q: string) => parseQuery(q, synonyms)?.groups.map((g) => g.alternatives.map((a) => a.map((w) => w.text).join(' ')));

describe('parseQuery', () => {
  it('drops stop words and folds ё', () => {
    expect(texts('льготы для ЭКСПОРТЁРОВ')).toEqual([['льготы'], ['экспортеров']]);
  });

  it('returns null when nothing searchable is left', () => {
    expect(parseQuery('и для %', synonyms)).toBeNull();
    expect(parseQuery('   ', synonyms)).toBeNull();
  });

  it('expands an abbreviation into every equivalent phrase', () => {
    expect(texts('кредиты МСП')).toEqual([['кредиты'], ['мсп', 'малый средний бизнес', 'sme']]);
  });

  it('recognises a synonym phrase in any word form, longest first', () => {
    expect(texts('кредиты малого и среднего бизнеса')).toEqual([['кредиты'], ['малого среднего бизнеса', 'мсп', 'sme']]);
    expect(texts('резиденты особой экономической зоны')).toEqual([['резиденты'], ['особой экономической зоны', 'оэз']]);
  });

  it('marks only the last typed word as a prefix', () => {
    const parsed = parseQuery('налоговые льг', synonyms)!;
    expect(parsed.groups.map((g) => g.alternatives[0].map((w) => w.prefix))).toEqual([[false], [true]]);
  });
});
