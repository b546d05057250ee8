import { keyText } from '../text/normalise';
import vocabulary from './everyday-vocabulary.json';

/** The most terms a synonym group holds (the table's CHECK and the admin API's limit). */
export const MAX_GROUP_TERMS = 20;

/**
 * The words entrepreneurs use for what the catalogue offers, as synonym groups
 * (everyday-vocabulary.json): the starting vocabulary migrations write and admins extend.
 */
export const EVERYDAY_VOCABULARY: readonly (readonly string[])[] = vocabulary.groups;

export interface ExistingGroup {
  id: string;
  terms: string[];
}

export type VocabularyChange =
  /** A group none of whose terms exists yet. */
  | { kind: 'add'; terms: string[] }
  /** An admins' group that holds some of a curated group's terms, with the others added after its own. */
  | { kind: 'extend'; id: string; terms: string[] };

/**
 * What writing `curated` into the admins' synonym groups changes, terms compared
 * by key (any word form, stop words aside), as the admin API compares them:
 * - a curated group none of whose terms any group has is added whole;
 * - one whose terms only one group has extends that group with its other terms
 *   (up to MAX_GROUP_TERMS), which then keeps the admins' own terms first;
 * - one whose terms admins spread over several groups is left alone: they chose how to split them.
 * A term any group has already is never added again, so planning twice changes nothing the second time.
 */
export function planVocabulary(curated: readonly (readonly string[])[], existing: readonly ExistingGroup[]): VocabularyChange[] {
  const groups = existing.map((g) => ({ id: g.id, terms: [...g.terms], keys: new Set(g.terms.map(keyText)), changed: false }));
  const taken = (key: string) => groups.some((g) => g.keys.has(key));
  const added: string[][] = [];
  const addedKeys = new Set<string>();
  for (const group of curated) {
    const keyed = group.map((term) => ({ term, key: keyText(term) })).filter((t) => t.key);
    const holders = groups.filter((g) => keyed.some((t) => g.keys.has(t.key)));
    if (keyed.some((t) => addedKeys.has(t.key))) continue; // an earlier curated group has it (the file's own tests forbid this)
    if (holders.length === 0) {
      const terms = keyed.slice(0, MAX_GROUP_TERMS);
      if (terms.length < 2) continue;
      added.push(terms.map((t) => t.term));
      terms.forEach((t) => addedKeys.add(t.key));
    } else if (holders.length === 1) {
      const [holder] = holders;
      for (const t of keyed) {
        if (holder.terms.length >= MAX_GROUP_TERMS || taken(t.key)) continue;
        holder.terms.push(t.term);
        holder.keys.add(t.key);
        holder.changed = true;
      }
    }
  }
  return [
    ...groups.filter((g) => g.changed).map((g): VocabularyChange => ({ kind: 'extend', id: g.id, terms: g.terms })),
    ...added.map((terms): VocabularyChange => ({ kind: 'add', terms })),
  ];
}
