import { correctQuery, editDistance } from './did-you-mean';

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
});
