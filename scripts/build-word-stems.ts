import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fold, stem, WORD_STEMS_DIR, WORD_STEMS_FILE, WORD_STEMS_SOURCES, type WordStemsSource } from '@app/search';

/**
 * Builds the stem set "did you mean" knows real words by: every form of every word
 * of the Russian and English Hunspell dictionaries (dictionary-ru, dictionary-en:
 * each entry with its affix rules applied), stemmed as search stems a word, sorted
 * by their UTF-8 bytes, one a line, gzipped. Run it after updating either
 * dictionary; a unit test checks that the file was built from the installed ones.
 *
 *   npm run word-stems
 */

const ROOT = resolve(__dirname, '..', '..');

interface AffixRule {
  strip: string;
  add: string;
  condition: RegExp | null;
}
interface AffixClass {
  kind: 'PFX' | 'SFX';
  cross: boolean;
  rules: AffixRule[];
}

/** The prefix and suffix classes of a Hunspell .aff file (single-character flags, as both dictionaries use). */
export function parseAffixes(aff: string): Map<string, AffixClass> {
  const classes = new Map<string, AffixClass>();
  const lines = aff.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i].trim().split(/\s+/);
    if ((head[0] !== 'SFX' && head[0] !== 'PFX') || head.length !== 4 || !/^[YN]$/.test(head[2])) continue;
    const kind = head[0];
    const count = Number(head[3]);
    const rules: AffixRule[] = [];
    for (let j = 1; j <= count; j++) {
      const [, , strip, add, condition = '.'] = lines[i + j].trim().split(/\s+/);
      rules.push({
        strip: strip === '0' ? '' : strip,
        add: add.split('/')[0] === '0' ? '' : add.split('/')[0],
        condition: condition === '.' ? null : new RegExp(kind === 'SFX' ? `${condition}$` : `^${condition}`),
      });
    }
    classes.set(head[1], { kind, cross: head[2] === 'Y', rules });
    i += count;
  }
  return classes;
}

/** The word and every form its flags make (suffixes, prefixes, and both where the classes combine). */
export function expand(word: string, flags: string, classes: Map<string, AffixClass>): string[] {
  const forms = [word];
  const crossable: string[] = [];
  const owned = [...flags].map((f) => classes.get(f)).filter((c): c is AffixClass => c !== undefined);
  for (const c of owned.filter((c) => c.kind === 'SFX'))
    for (const r of c.rules) {
      if ((r.condition && !r.condition.test(word)) || !word.endsWith(r.strip)) continue;
      const form = word.slice(0, word.length - r.strip.length) + r.add;
      forms.push(form);
      if (c.cross) crossable.push(form);
    }
  for (const c of owned.filter((c) => c.kind === 'PFX'))
    for (const base of [word, ...(c.cross ? crossable : [])])
      for (const r of c.rules)
        if ((!r.condition || r.condition.test(base)) && base.startsWith(r.strip)) forms.push(r.add + base.slice(r.strip.length));
  return forms;
}

function stemsOf(source: WordStemsSource, into: Set<string>): number {
  const dir = join(ROOT, 'node_modules', source.package);
  const classes = parseAffixes(readFileSync(join(dir, 'index.aff'), 'utf8'));
  const entries = readFileSync(join(dir, 'index.dic'), 'utf8').split('\n').slice(1);
  for (const entry of entries) {
    const [word, flags = ''] = entry.trim().split(/\s+/)[0].split('/');
    if (!word) continue;
    for (const form of expand(word, flags, classes)) {
      const folded = fold(form);
      // letters only (the English list has "1st", "e.g."): what a search word can be
      if (/^[\p{L}]+(?:['-][\p{L}]+)*$/u.test(folded)) into.add(stem(folded));
    }
  }
  return entries.length;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function main(): void {
  const stems = new Set<string>();
  const sources = WORD_STEMS_SOURCES.map((source) => {
    const dir = join(ROOT, 'node_modules', source.package);
    const entries = stemsOf(source, stems);
    copyFileSync(join(dir, 'license'), join(ROOT, WORD_STEMS_DIR, `${source.package}.license`));
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    return { package: source.package, version, entries, dic: sha256(join(dir, 'index.dic')), aff: sha256(join(dir, 'index.aff')) };
  });
  const sorted = [...stems].map((s) => Buffer.from(s)).sort(Buffer.compare);
  const text = Buffer.concat(sorted.flatMap((s) => [s, Buffer.from('\n')]));
  writeFileSync(join(ROOT, WORD_STEMS_DIR, WORD_STEMS_FILE), gzipSync(text, { level: 9 }));
  writeFileSync(join(ROOT, WORD_STEMS_DIR, 'sources.json'), `${JSON.stringify({ stems: sorted.length, sources }, null, 2)}\n`);
  process.stdout.write(`${sorted.length} stems from ${sources.map((s) => `${s.package} ${s.version}`).join(', ')}\n`);
}

if (require.main === module) main();
