import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The libraries' boundaries (README, "Where things go"): code reaches a library only through its
 * `index.ts` (`@app/<lib>`), never through one of its files, and each `index.ts` names what it offers.
 */
const ROOT = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((file) => !file.split(sep).includes('node_modules'));
}

/** What a file imports: `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`, `require('…')`. */
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;
const specifiers = (text: string): string[] => [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2]);

/** `libs/<name>` for a path inside a library, else undefined. */
const libraryOf = (file: string): string | undefined => /^libs[\\/]([^\\/]+)[\\/]/.exec(file)?.[1];

/** Every import that reaches into another library's files, as `file: specifier`. */
function deepImports(files: { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    const own = libraryOf(file);
    for (const spec of specifiers(text)) {
      if (/^@app\/[^/]+\//.test(spec)) found.push(`${file}: ${spec}`);
      if (!spec.startsWith('.')) continue;
      const target = libraryOf(relative(ROOT, resolve(ROOT, dirname(file), spec)));
      if (target && target !== own) found.push(`${file}: ${spec}`);
    }
  }
  return found;
}

describe('library boundaries', () => {
  const files = ['apps', 'libs', 'scripts', 'test']
    .flatMap(sourceFiles)
    .map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

  it('reaches a library only through its index', () => {
    expect(deepImports(files)).toEqual([]);
  });

  it('catches a path into another library, relative or through the alias, and lets a library use its own files', () => {
    expect(
      deepImports([
        { file: 'libs/database/src/migrations/x.ts', text: "import { a } from '../../../search/src/synonyms/vocabulary';" },
        { file: 'apps/server/src/x.ts', text: "import { b } from '@app/search/src/search.service';" },
        { file: 'scripts/x.ts', text: "export { c } from '../libs/search/src/text/normalise';" },
        { file: 'libs/search/src/sync/x.ts', text: "import { d } from '../text/normalise';\nimport { e } from '@app/catalogue';" },
        { file: 'apps/server/src/x.ts', text: "import { f } from '../../worker/src/worker.module';" },
        {
          file: 'libs/alerts/src/x.ts',
          text: "import type {\n  G,\n} from '../../search/src/search.model';\nconst h = require('../../identity/src/user.entity');",
        },
      ]),
    ).toEqual([
      'libs/database/src/migrations/x.ts: ../../../search/src/synonyms/vocabulary',
      'apps/server/src/x.ts: @app/search/src/search.service',
      'scripts/x.ts: ../libs/search/src/text/normalise',
      'libs/alerts/src/x.ts: ../../search/src/search.model',
      'libs/alerts/src/x.ts: ../../identity/src/user.entity',
    ]);
  });

  it("names each library's exports (no export *)", () => {
    const starred = files.filter(({ file, text }) => /^libs[\\/][^\\/]+[\\/]src[\\/]index\.ts$/.test(file) && /^export \*/m.test(text));
    expect(starred.map((f) => f.file)).toEqual([]);
  });
});
