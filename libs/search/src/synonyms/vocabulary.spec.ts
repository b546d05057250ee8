import { keyText } from '../text/normalise';
import { EVERYDAY_VOCABULARY, MAX_GROUP_TERMS, planVocabulary, type ExistingGroup } from './vocabulary';

/** The groups the first migrations wrote (CreateSearch, AddVerbSynonyms), as a fresh installation has them. */
const FIRST_GROUPS: ExistingGroup[] = [
  {
    id: 'sme',
    terms: [
      'МСП',
      'малый и средний бизнес',
      'малое и среднее предпринимательство',
      'SME',
      'small and medium-sized enterprises',
      'small and medium businesses',
    ],
  },
  { id: 'sez', terms: ['ОЭЗ', 'особая экономическая зона', 'SEZ', 'special economic zone'] },
  {
    id: 'mic',
    terms: ['МИК', 'Московский инновационный кластер', 'инновационный кластер', 'Moscow Innovation Cluster', 'innovation cluster'],
  },
  { id: 'sole', terms: ['ИП', 'индивидуальный предприниматель', 'sole proprietor'] },
  { id: 'startup', terms: ['стартап', 'startup', 'start-up'] },
  { id: 'build', terms: ['построить', 'строительство', 'build', 'construction'] },
];

describe('the everyday vocabulary (vocabulary.json)', () => {
  it('has groups of 2 to 20 terms the admin API would accept, each with a searchable word', () => {
    expect(EVERYDAY_VOCABULARY.length).toBeGreaterThanOrEqual(25);
    for (const group of EVERYDAY_VOCABULARY) {
      expect({ group, size: group.length >= 2 && group.length <= MAX_GROUP_TERMS }).toEqual({ group, size: true });
      for (const term of group)
        expect({ term, ok: term.trim() === term && term.length <= 100 && keyText(term) !== '' }).toEqual({ term, ok: true });
    }
  });

  it('names every term once, by key (a term belongs to one group), and extends at most one of the first groups per group', () => {
    const owner = new Map<string, number>();
    const clashes: string[] = [];
    EVERYDAY_VOCABULARY.forEach((group, g) =>
      group.forEach((term) => {
        const key = keyText(term);
        if (owner.has(key)) clashes.push(`"${term}" (group ${g}) is also in group ${owner.get(key)}`);
        owner.set(key, g);
      }),
    );
    for (const group of EVERYDAY_VOCABULARY) {
      const keys = new Set(group.map(keyText));
      const extended = FIRST_GROUPS.filter((first) => first.terms.some((t) => keys.has(keyText(t))));
      if (extended.length > 1) clashes.push(`"${group[0]}" shares terms with ${extended.map((e) => e.id).join(' and ')}`);
    }
    expect(clashes).toEqual([]);
  });

  it('holds the words the issue names, in Russian and English', () => {
    const all = new Set(EVERYDAY_VOCABULARY.flat().map(keyText));
    for (const term of [
      'займ',
      'заём',
      'микрозайм',
      'ссуда',
      'кредит',
      'ИП',
      'индивидуальный предприниматель',
      'самозанятый',
      'земля',
      'участок',
      'площадка',
      'завод',
      'производство',
      'предприятие',
      'льгота',
      'преференция',
      'вычет',
      'субсидия',
      'грант',
      'компенсация',
      'возмещение',
      'лизинг',
      'господдержка',
      'меры поддержки',
      'поручительство',
      'гарантия',
      'ставка',
      'loan',
      'land',
      'factory',
      'grant',
      'sole trader',
      'EV',
    ])
      expect({ term, held: all.has(keyText(term)) }).toEqual({ term, held: true });
  });
});

describe('planVocabulary', () => {
  it('adds new groups whole and extends the first groups a curated group shares terms with', () => {
    const changes = planVocabulary(EVERYDAY_VOCABULARY, FIRST_GROUPS);
    const extended = new Map(changes.flatMap((c) => (c.kind === 'extend' ? [[c.id, c.terms] as const] : [])));
    expect([...extended.keys()].sort()).toEqual(['build', 'sme', 'sole']);
    // the admins' own terms first, untouched, then the new ones
    expect(extended.get('sole')).toEqual([
      'ИП',
      'индивидуальный предприниматель',
      'sole proprietor',
      'sole trader',
      'individual entrepreneur',
    ]);
    expect(changes.filter((c) => c.kind === 'add').length).toBe(EVERYDAY_VOCABULARY.length - 3);
  });

  it('changes nothing the second time', () => {
    const first = planVocabulary(EVERYDAY_VOCABULARY, FIRST_GROUPS);
    const after: ExistingGroup[] = [
      ...FIRST_GROUPS.map((g) => {
        const change = first.find((c) => c.kind === 'extend' && c.id === g.id);
        return { id: g.id, terms: change ? change.terms : g.terms };
      }),
      ...first.flatMap((c, i) => (c.kind === 'add' ? [{ id: `new-${i}`, terms: c.terms }] : [])),
    ];
    expect(planVocabulary(EVERYDAY_VOCABULARY, after)).toEqual([]);
  });

  it('never adds a term an admin has, in any word form, and leaves alone a group admins split', () => {
    const admins: ExistingGroup[] = [
      { id: 'a', terms: ['займы', 'кредиты'] },
      { id: 'b', terms: ['микрозаймы', 'микрокредиты'] },
      { id: 'c', terms: ['земли', 'наделы'] },
    ];
    const changes = planVocabulary(
      [
        ['кредит', 'займ', 'микрозайм', 'ссуда'],
        ['земля', 'участок'],
      ],
      admins,
    );
    // the loans terms sit in two admins' groups: left alone; the land group extends theirs with "участок" only
    expect(changes).toEqual([{ kind: 'extend', id: 'c', terms: ['земли', 'наделы', 'участок'] }]);
  });

  it('keeps a group within 20 terms', () => {
    const full: ExistingGroup = { id: 'full', terms: Array.from({ length: 19 }, (_, i) => `слово${'абвгдежзиклмнопрсту'[i]}`) };
    const [change] = planVocabulary([['словоа', 'первое', 'второе']], [full]);
    expect(change).toEqual({ kind: 'extend', id: 'full', terms: [...full.terms, 'первое'] });
  });
});
