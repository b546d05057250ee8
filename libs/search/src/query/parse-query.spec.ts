import { buildSynonymIndex, leadingGroups, parseQuery, queryWords } from './parse-query';

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

  it('takes a last word of one or two letters whole: "ип" does not begin "ипотека"', () => {
    expect(parseQuery('займ для ип', synonyms)!.groups.at(-1)!.alternatives[0]).toEqual([{ text: 'ип', prefix: false }]);
    expect(parseQuery('займ для ипо', synonyms)!.groups.at(-1)!.alternatives[0]).toEqual([{ text: 'ипо', prefix: true }]);
  });

  it("gives a synonym's phrase the distances of its words, counting the stop words between them", () => {
    const [group] = parseQuery('МСП', synonyms)!.groups;
    expect(group.alternatives[1]).toEqual([
      { text: 'малый', prefix: false },
      { text: 'средний', prefix: false, gap: 2 },
      { text: 'бизнес', prefix: false, gap: 1 },
    ]);
    // the words typed stand anywhere
    expect(parseQuery('малый и средний бизнес', synonyms)!.groups[0].alternatives[0].every((w) => w.gap === undefined)).toBe(true);
  });
});

describe('a typed phrase that is a synonym term', () => {
  it("also stands for its words' own one-word synonyms, in every combination", () => {
    const index = buildSynonymIndex([
      ['социальное предприятие', 'social enterprise'],
      ['предприятие', 'завод', 'производство'],
    ]);
    const [group] = parseQuery('социальное предприятие', index)!.groups;
    expect(group.alternatives.map((a) => a.map((w) => w.text).join(' '))).toEqual([
      'социальное предприятие',
      'социальное завод',
      'социальное производство',
      'social enterprise',
    ]);
    // the words stand anywhere, as the words typed do; the other term is a phrase
    expect(group.alternatives[1].some((w) => w.gap !== undefined)).toBe(false);
    expect(group.alternatives[3][1].gap).toBe(1);
  });
});

describe('leadingGroups', () => {
  it('keeps the first groups, whose words are then all whole words', () => {
    const parsed = parseQuery('кредиты МСП экспорт', synonyms)!;
    const two = leadingGroups(parsed, 2);
    expect(two.groups).toEqual(parsed.groups.slice(0, 2));
    expect(queryWords(two).some((w) => w.prefix)).toBe(false);
  });
});
