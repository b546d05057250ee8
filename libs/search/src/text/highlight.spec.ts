import fc from 'fast-check';
import { buildSynonymIndex, parseQuery } from '../query/parse-query';
import { editDistance, escapeHtml, highlight, wordMatcher } from './highlight';
import { indexText } from './normalise';

const matcherFor = (q: string) => wordMatcher(parseQuery(q, buildSynonymIndex([]))!);
const unescape = (html: string): string =>
  html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('highlight', () => {
  it('marks every form of the word, and words a typo away', () => {
    expect(highlight('Льготы, льготами и льгота', matcherFor('льгота'))).toBe(
      '<mark>Льготы</mark>, <mark>льготами</mark> и <mark>льгота</mark>',
    );
    expect(highlight('Технополис «Москва»', matcherFor('технаполис'))).toBe('<mark>Технополис</mark> «Москва»');
    expect(highlight('Ёлки и елки', matcherFor('елки'))).toBe('<mark>Ёлки</mark> и <mark>елки</mark>');
  });

  it('marks the word being typed by its prefix', () => {
    expect(highlight('Технопарки Москвы', matcherFor('техноп'))).toBe('<mark>Технопарки</mark> Москвы');
  });

  it("marks a synonym's phrase only where its words stand together, and a one-word synonym by its key alone", () => {
    const synonyms = buildSynonymIndex([['льгота', 'налоговый вычет', 'rate']]);
    const matches = wordMatcher(parseQuery('льгота', synonyms)!);
    expect(highlight('Налоговые льготы и налоговый вычет', matches)).toBe(
      'Налоговые <mark>льготы</mark> и <mark>налоговый</mark> <mark>вычет</mark>',
    );
    // a synonym is not matched a typo away: "date" is not "rate"
    expect(highlight('rate and date', matches)).toBe('<mark>rate</mark> and date');
  });

  it('escapes markup in the text and adds only <mark>', () => {
    expect(highlight('<script>alert(1)</script>', matcherFor('alert'))).toBe('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;');
    expect(highlight('"a" & \'b\'', null)).toBe('&quot;a&quot; &amp; &#39;b&#39;');
  });

  it('never lets any text through unescaped (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.stringMatching(/^[a-zа-я]{1,8}$/), (text, q) => {
        const parsed = parseQuery(q, buildSynonymIndex([]));
        const html = highlight(text, parsed ? wordMatcher(parsed) : null);
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
        expect(unescape(html)).toBe(text);
      }),
    );
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('моспорм', 'моспром', 1)).toBe(1);
    expect(editDistance('кредит', 'кредит', 0)).toBe(0);
    expect(editDistance('абвгд', 'вгдеж', 1)).toBe(2);
    expect(escapeHtml('<&>')).toBe('&lt;&amp;&gt;');
  });
});

describe('indexText', () => {
  it("adds a compound's parts as keys, as PostgreSQL's parser does", () => {
    expect(indexText('научно-исследовательских работ').split(' ')).toEqual(
      expect.arrayContaining(['научно-исследовательск', 'научн', 'исследовательск', 'работ']),
    );
  });
});
