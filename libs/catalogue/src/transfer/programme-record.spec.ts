import { readRows } from './programme-record';

describe('readRows', () => {
  it('reads a CSV whose text is handed to the parser in steps with characters outside the BMP intact, wherever a step ends', async () => {
    // 600k UTF-16 units of emoji, each two units starting at an odd offset of the file: a step ending
    // at any even offset inside them would cut one in half
    const summary = '😀'.repeat(300_000);
    const rows = await readRows('csv', `slug,summary.ru\nemoji,"${summary}"\n`, { maxRows: 10 });
    expect(rows).toHaveLength(1);
    const record = rows[0].record as { summary?: { ru?: string } };
    expect(record.summary?.ru).toBe(summary);
  });
});
