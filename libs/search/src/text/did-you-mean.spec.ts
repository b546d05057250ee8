import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { correctQuery, editDistance, knownWord, stemsOf } from './did-you-mean';
import { dictionaryStems, StemSet, WORD_STEMS_DIR, WORD_STEMS_SOURCES } from './word-stems';

const vocabulary = new Map([
  ['технополис', 3],
  ['технопарки', 5],
  ['москва', 9],
  ['кредиты', 4],
  ['экспорт', 2],
]);

describe('did you mean', () => {
  it('measures edits, swaps included, and gives up beyond the limit', () => {
    expect(editDistance('технополс', 'технополис', 2)).toBe(1);
    expect(editDistance('кердиты', 'кредиты', 2)).toBe(1);
    expect(editDistance('абвгд', 'вгдеж', 2)).toBe(3);
  });

  it('corrects unknown words to the closest known one, and leaves known and half-typed words alone', () => {
    expect(correctQuery('технополс', vocabulary)).toBe('технополис');
    expect(correctQuery('кердиты Москва', vocabulary)).toBe('кредиты Москва');
    expect(correctQuery('технопарки', vocabulary)).toBeNull();
    expect(correctQuery('технопа', vocabulary)).toBeNull();
    expect(correctQuery('фзч', vocabulary)).toBeNull();
    expect(correctQuery('совсемнепохоже', vocabulary)).toBeNull();
  });

  describe('never corrects a word spelled right', () => {
    // words of the shipped catalogue's titles and summaries, in the forms they have there
    const catalogue = new Map(
      [
        'грант',
        'гранты',
        'стартапу',
        'стартапов',
        'социальные',
        'предпринимательства',
        'самозанятых',
        'small',
        'loan',
        'sole',
        'tender',
        'земля',
        'технополис',
        'поддержку',
        'меры',
      ].map((w, i) => [w, i + 1]),
    );
    const synonyms = [
      ['микрозайм', 'кредит'],
      ['господдержка', 'меры поддержки'],
    ];
    const known = knownWord(stemsOf(catalogue.keys()), stemsOf(synonyms.flat()));

    it.each([
      ['грант для стартапа', 'another form of a catalogue word, by stem'],
      ['социальное предпринимательство', 'the Russian dictionary'],
      ['самозанятый', 'another form of a catalogue word'],
      ['small loan sole trader', 'the English dictionary'],
      ['микрозаймы', 'a form of a synonym'],
      ['меры поддержки', 'the Russian dictionary'],
    ])('"%s" (%s)', (q) => {
      expect(correctQuery(q, catalogue, known)).toBeNull();
    });

    it.each([
      ['зимля', 'земля'],
      ['грнт', 'грант'],
      ['технополз', 'технополис'],
      ['грнт для стартапа', 'грант для стартапа'],
    ])('but still corrects "%s" to "%s"', (q, corrected) => {
      expect(correctQuery(q, catalogue, known)).toBe(corrected);
    });
  });
});

describe('the dictionaries’ stems', () => {
  it('finds a stem by binary search over sorted lines', () => {
    const set = StemSet.fromSortedLines(Buffer.from(['abc', 'b', 'грант', 'земл'].map((s) => `${s}\n`).join('')));
    expect(set.size).toBe(4);
    expect(['abc', 'b', 'грант', 'земл'].every((s) => set.has(s))).toBe(true);
    expect(['ab', 'abcd', '', 'c', 'зимл', 'гран'].some((s) => set.has(s))).toBe(false);
  });

  it('hold real Russian and English words and no typos', () => {
    const stems = dictionaryStems();
    expect(stems.size).toBeGreaterThan(150_000);
    const known = knownWord();
    for (const word of [
      'земля',
      'предпринимательство',
      'поставщиком',
      'лизинга',
      'поручительство',
      'ставки',
      'субсидии',
      'trader',
      'charging',
    ])
      expect({ word, known: known(word) }).toEqual({ word, known: true });
    for (const word of ['зимля', 'грнт', 'технополз', 'кридиты', 'предпринемателям', 'investrs', 'моспорм'])
      expect({ word, known: known(word) }).toEqual({ word, known: false });
  });

  it('were built from the dictionaries installed (else run `npm run word-stems`)', () => {
    const root = resolve(__dirname, '../../../..');
    const built = JSON.parse(readFileSync(join(root, WORD_STEMS_DIR, 'sources.json'), 'utf8')) as {
      sources: { package: string; dic: string; aff: string }[];
    };
    const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    for (const { package: name } of WORD_STEMS_SOURCES) {
      const dir = join(root, 'node_modules', name);
      const installed = { package: name, dic: sha256(join(dir, 'index.dic')), aff: sha256(join(dir, 'index.aff')) };
      expect(built.sources.find((s) => s.package === name)).toMatchObject(installed);
    }
  });
});
