import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from './error-codes';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(path) ? [path] : [];
  });
}

describe('ERROR_CODES', () => {
  it('names every code the server source can send', () => {
    const sent = new Set<string>();
    for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]) {
      const text = readFileSync(file, 'utf8');
      // new DomainError('kind', 'CODE', …), { code: 'CODE' } and the status fallbacks of the error filter
      for (const m of text.matchAll(/DomainError\(\s*'[a-z_]+',\s*'([A-Z_.]+)'/g)) sent.add(m[1]);
      for (const m of text.matchAll(/\bcode: '([A-Z][A-Z_.]{4,})'/g)) sent.add(m[1]); // not a sort direction ('ASC')
      for (const m of text.matchAll(/^\s+\d{3}: '([A-Z_]+)',$/gm)) sent.add(m[1]);
      for (const m of text.matchAll(/\[\d{3}, '([A-Z_]+)', '/g)) sent.add(m[1]);
      for (const m of text.matchAll(/'[a-z_]+',\s*\n\s*'([A-Z]+\.[A-Z_]+)',/g)) sent.add(m[1]);
    }
    expect(sent.size).toBeGreaterThan(40);
    const known = new Set<string>(ERROR_CODES);
    expect([...sent].filter((c) => !known.has(c)).sort()).toEqual([]);
  });
});
