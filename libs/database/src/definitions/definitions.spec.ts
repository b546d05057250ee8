import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITIONS, definitionText } from './definitions';

const ROOT = join(__dirname, '../../../..');
const CREATES = /CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|TRIGGER)\s+([a-z_]+)/gi;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('SQL definitions', () => {
  it('lists every file of the folder once, and nothing else', () => {
    const files = readdirSync(__dirname)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.replace(/\.sql$/, ''))
      .sort();
    expect(DEFINITIONS.map((d) => d.name).sort()).toEqual(files);
  });

  it('defines one function per file, named as the file, and triggers only on that function', () => {
    for (const { name } of DEFINITIONS) {
      const text = definitionText(name);
      const functions = [...text.matchAll(CREATES)].filter((m) => m[2].toUpperCase() === 'FUNCTION').map((m) => m[3]);
      expect({ name, functions }).toEqual({ name, functions: [name] });
      for (const m of text.matchAll(/EXECUTE\s+FUNCTION\s+([a-z_]+)/gi)) expect({ name, executes: m[1] }).toEqual({ name, executes: name });
    }
  });

  it('lists a function after every definition it calls', () => {
    const names = DEFINITIONS.map((d) => d.name);
    names.forEach((name, i) => {
      const body = definitionText(name).replace(/--.*$/gm, '');
      const calls = names.filter((other) => other !== name && new RegExp(`\\b${other}\\s*\\(`).test(body));
      for (const callee of calls)
        expect({ name, callee, listedBefore: names.indexOf(callee) < i }).toEqual({ name, callee, listedBefore: true });
    });
  });

  it('is the only place a function or trigger is created: no migration or module writes one', () => {
    // tests may write an older text on purpose (definitions.int-spec.ts shows a database converging from one)
    const offenders = ['apps', 'libs', 'scripts']
      .flatMap((dir) => tsFiles(join(ROOT, dir)))
      .filter((file) => !/\.(int-)?spec\.ts$/.test(file))
      .filter((file) => [...readFileSync(file, 'utf8').matchAll(CREATES)].length > 0)
      .map((file) => file.slice(ROOT.length + 1));
    expect(offenders).toEqual([]);
  });
});
