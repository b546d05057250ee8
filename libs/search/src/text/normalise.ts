import { newStemmer } from 'snowball-stemmers';
import { STOP_WORDS } from './stopwords';

const russian = newStemmer('russian');
const english = newStemmer('english');

/** Lower case with ё folded into е: how every engine sees text. */
export const fold = (text: string): string => text.toLowerCase().replace(/ё/g, 'е');

const WORD = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu;

/** Words of `text`, folded, in order; `i.moscow` and `IT-компании` stay one word each. */
export function words(text: string): string[] {
  return Array.from(fold(text).matchAll(WORD), (m) => m[0].replace(/’/g, "'"));
}

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

const CYRILLIC = /[а-я]/;
/** What joins the parts of a compound word ("ИТ-компании", "i.moscow"). */
const COMPOUND = /[.'’-]/;

/** One Snowball pass, Russian for Cyrillic words and English otherwise (as PostgreSQL's "russian" configuration does). */
export const stem = (word: string): string => (CYRILLIC.test(word) ? russian.stem(word) : english.stem(word));

/**
 * The stem of a stem, until it stops changing. Snowball gives `кредит` → `кред`
 * but `кредитов` → `кредит`; a second pass brings both to `кред`, so every form
 * of a word shares one key. Used for the Meilisearch fields and the highlighter.
 */
export function wordKey(word: string): string {
  const known = KEYS.get(word);
  if (known !== undefined) return known;
  let current = word;
  for (let i = 0; i < 3; i++) {
    const next = stem(current);
    if (next === current || next.length < 2) break;
    current = next;
  }
  // the same words recur in every answer (titles, summaries): stem each once
  if (KEYS.size >= MAX_KEYS) KEYS.clear();
  KEYS.set(word, current);
  return current;
}

const KEYS = new Map<string, string>();
const MAX_KEYS = 100_000;

/** The keys of every non-stop word in `text`, space-separated (the stemmed fields of a search document). */
export const keyText = (text: string | null | undefined): string =>
  text
    ? words(text)
        .filter((w) => !isStopWord(w))
        .map(wordKey)
        .join(' ')
    : '';

/**
 * What an external engine indexes for `text`: each word's key, followed by the
 * folded word itself when it differs, so typo tolerance can also reach the full
 * form (`моспорм` is one swap from `моспром`, but far from its key `моспр`).
 */
export function indexText(text: string | null | undefined): string {
  if (!text) return '';
  const kept = words(text).filter((w) => !isStopWord(w));
  const keys = kept.map(wordKey);
  // a compound's parts, each as its own key, as PostgreSQL's parser indexes them: Meilisearch splits
  // "научно-исследовательск" at the hyphen and would hold "научно", not the key "научн"
  const parts = kept.flatMap((w) =>
    COMPOUND.test(w)
      ? w
          .split(COMPOUND)
          .filter((p) => p && !isStopWord(p))
          .map(wordKey)
      : [],
  );
  // the keys in the text's own order first, so a phrase's keys stay adjacent (Meilisearch matches
  // multi-word synonyms such as "особ экономическ зон" for "ОЭЗ" only then); the compounds' parts and
  // the full words that differ from their keys follow
  return [...keys, ...parts, ...kept.filter((w, i) => w !== keys[i])].join(' ');
}
