/**
 * A localised text (any `{ ru, en }` in a record: a title, a key fact's label or value, a
 * step, a source's title, …) whose Russian changed after its English was written: the English
 * may now say something else. Kept with the texts it was found on, so it lapses by itself once
 * the English is edited (or the Russian changes again, which makes a new one).
 */
export interface StaleEnglish {
  /** Where the pair sits in the record, e.g. `keyFacts.2.value`, `title`. */
  path: string;
  ru: string | null;
  en: string;
}

type Pair = { ru: string | null; en: string | null };

const isPair = (v: unknown): v is Pair => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const { ru, en } = v as Record<string, unknown>;
  return (
    keys.length === 2 &&
    keys.includes('ru') &&
    keys.includes('en') &&
    (typeof ru === 'string' || ru === null) &&
    (typeof en === 'string' || en === null)
  );
};

/** Every localised pair of a record (or view), by path. */
export function localisedPairs(value: unknown, path = '', out = new Map<string, Pair>()): Map<string, Pair> {
  if (isPair(value)) out.set(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => localisedPairs(v, path ? `${path}.${i}` : String(i), out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) localisedPairs(v, path ? `${path}.${k}` : k, out);
  return out;
}

const same = (a: StaleEnglish, p: Pair): boolean => a.ru === p.ru && a.en === p.en;

/**
 * The English texts possibly out of date after a save from `before` to `after`: those whose
 * Russian this save changed while their English stayed as it was, and those marked before
 * whose texts are still exactly as they were then. `checked`: English an editor confirmed
 * still says the same (each with the texts it was confirmed on).
 */
export function staleEnglish(before: unknown, after: unknown, previous: StaleEnglish[], checked: StaleEnglish[] = []): StaleEnglish[] {
  const was = localisedPairs(before);
  const now = localisedPairs(after);
  const out = new Map<string, StaleEnglish>();
  for (const m of previous) {
    const p = now.get(m.path);
    if (p && same(m, p)) out.set(m.path, m);
  }
  for (const [path, p] of now) {
    const old = was.get(path);
    if (old && p.en && old.en === p.en && (old.ru ?? '') !== (p.ru ?? '')) out.set(path, { path, ru: p.ru, en: p.en });
  }
  for (const c of checked) {
    const m = out.get(c.path);
    if (m && m.ru === c.ru && m.en === c.en) out.delete(c.path);
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}
