import { diffTexts, type DiffPart } from './text-diff';

const show = (parts: DiffPart[]): string =>
  parts.map((p) => (p.op === 'added' ? `{+${p.text}+}` : p.op === 'removed' ? `[-${p.text}-]` : p.text)).join(' ');

describe('a word-level diff of two readings of a page', () => {
  it('compares whole words in any script: a changed date is a word out and a word in, never character noise', () => {
    const d = diffTexts('Приём заявок до 30.03.2026. Грант до 5 млн рублей', 'Приём заявок до 15.04.2026. Грант до 7 млн рублей');
    expect(show(d.parts)).toBe('Приём заявок до [-30.03.2026.-] {+15.04.2026.+} Грант до [-5-] {+7+} млн рублей');
    expect(d).toMatchObject({ added: 2, removed: 2, truncated: false, rewritten: false });
  });

  it('keeps a few words around each change and folds the rest into gaps', () => {
    const filler = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
    const before = `${filler(50, 'a')} старое ${filler(50, 'b')} ещё ${filler(50, 'c')}`;
    const after = `${filler(50, 'a')} новое ${filler(50, 'b')} ещё ${filler(50, 'c')} добавлено`;
    const d = diffTexts(before, after, { context: 2 });
    expect(show(d.parts)).toBe('… a48 a49 [-старое-] {+новое+} b0 b1 … c48 c49 {+добавлено+}');
  });

  it('says nothing changed for equal texts, and ignores how whitespace is laid out', () => {
    expect(diffTexts('один два\nтри', 'один  два три')).toEqual({ parts: [], added: 0, removed: 0, truncated: false, rewritten: false });
  });

  it('stays within its size however much changed', () => {
    const before = Array.from({ length: 1200 }, (_, i) => `слово${i}`).join(' ');
    const after = Array.from({ length: 1200 }, (_, i) => (i % 20 ? `слово${i}` : `другое${i}`)).join(' ');
    const d = diffTexts(before, after, { maxChars: 500 });
    expect(d).toMatchObject({ truncated: true, rewritten: false, added: 60, removed: 60 });
    expect(d.parts.reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(500);
  });

  it('gives up aligning texts that have nothing in common beyond a bound, showing the start of each', () => {
    const before = Array.from({ length: 4000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 4000 }, (_, i) => `b${i}`).join(' ');
    const d = diffTexts(before, after);
    expect(d).toMatchObject({ rewritten: true, truncated: true, added: 4000, removed: 4000 });
    expect(d.parts[0]).toEqual({ op: 'removed', text: expect.stringMatching(/^a0 a1 a2/) });
    expect(d.parts.reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(2000);
  });

  it('diffs from nothing (a page that had no text) and to nothing', () => {
    expect(show(diffTexts('', 'Новая страница').parts)).toBe('{+Новая страница+}');
    expect(show(diffTexts('Была страница', '').parts)).toBe('[-Была страница-]');
  });
});
