import { csvCellValue, csvSafeCell } from './csv-cells';

describe('CSV cells', () => {
  it.each(['=HYPERLINK("x")', '+7 (499) 225-92-52', '-5', '@SUM(A1)', '\tx', '\rx'])(
    'neutralises %j and reads it back unchanged',
    (text) => {
      expect(csvSafeCell(text)).toBe(`'${text}`);
      expect(csvCellValue(csvSafeCell(text))).toBe(text);
    },
  );

  it.each(['Грант', "'quoted", '', '100%'])('leaves %j as it is', (text) => {
    expect(csvSafeCell(text)).toBe(text);
    expect(csvCellValue(text)).toBe(text);
  });
});
