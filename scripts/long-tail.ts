/**
 * A long tail of search requests, as real traffic meets a search API: thousands
 * of distinct requests built from the catalogue's own words and facet values
 * (one or two words, typos, prefixes typed so far, facets alone or with text,
 * later pages, the deadline order, English), repeated with Zipf-like
 * frequencies, so that a few requests are common and most are seen once or
 * twice. Deterministic for a seed.
 */

export interface LongTailVocabulary {
  /** Words of published titles and summaries, most used first. */
  words: string[];
  /** Facet values by request parameter, e.g. { supportType: ['grant_subsidy', …] }. */
  facets: Record<string, string[]>;
}

export interface LongTailOptions {
  /** How many distinct requests there are. */
  distinct: number;
  /** How long the sequence of requests is (each connection walks it from its own offset). */
  length: number;
  /** Zipf exponent of how often each distinct request is repeated (1 is the classic web workload). */
  skew?: number;
  seed?: number;
}

export interface LongTail {
  /** Paths with query strings, e.g. /api/v1/programmes?q=…&perPage=20, in sending order. */
  sequence: string[];
  distinct: number;
}

/** mulberry32: a small, fast, seedable generator (the quality is plenty for sampling). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RUSSIAN = 'абвгдежзийклмнопрстуфхцчшщыьэюя';

export function longTail(vocabulary: LongTailVocabulary, options: LongTailOptions): LongTail {
  const rnd = random(options.seed ?? 1);
  const pickFrom = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  // words are picked with a Zipf-like bias too: common words come up more often, as in real queries
  const word = (): string => vocabulary.words[Math.floor(vocabulary.words.length * rnd() ** 2)];
  const typo = (w: string): string => {
    const at = 1 + Math.floor(rnd() * (w.length - 2));
    return rnd() < 0.5 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + pickFrom([...RUSSIAN]) + w.slice(at + 1);
  };
  const text = (): string => {
    const words = Array.from({ length: rnd() < 0.6 ? 1 : 2 }, word);
    const roll = rnd();
    if (roll < 0.12) words[words.length - 1] = typo(words[words.length - 1]);
    else if (roll < 0.22)
      words[words.length - 1] = words[words.length - 1].slice(0, Math.max(3, Math.ceil(words[words.length - 1].length * 0.6)));
    return words.join(' ');
  };
  const params = Object.keys(vocabulary.facets).filter((p) => vocabulary.facets[p].length);
  const facets = (n: number): [string, string][] => {
    const chosen = new Map<string, string>();
    while (chosen.size < Math.min(n, params.length)) {
      const param = pickFrom(params);
      if (!chosen.has(param)) chosen.set(param, pickFrom(vocabulary.facets[param]));
    }
    return [...chosen];
  };
  const request = (): string => {
    const query = new URLSearchParams();
    const kind = rnd();
    if (kind < 0.45) query.set('q', text());
    else if (kind < 0.7) {
      query.set('q', text());
      for (const [k, v] of facets(1 + Math.floor(rnd() * 2))) query.set(k, v);
    } else if (kind < 0.85) for (const [k, v] of facets(1 + Math.floor(rnd() * 3))) query.set(k, v);
    else if (kind < 0.95) {
      query.set('sort', 'deadline');
      for (const [k, v] of facets(Math.floor(rnd() * 2))) query.set(k, v);
    } else {
      query.set('q', text());
      query.set('lang', 'en');
    }
    const pageRoll = rnd();
    if (pageRoll > 0.8) query.set('page', pageRoll > 0.95 ? '3' : '2');
    query.set('perPage', '20');
    return `/api/v1/programmes?${query.toString()}`;
  };

  const distinct = new Set<string>();
  for (let tries = 0; distinct.size < options.distinct && tries < options.distinct * 20; tries++) distinct.add(request());
  const requests = [...distinct];
  // the i-th request is sent with weight 1 / (i + 1)^skew: sample from the cumulative weights
  const skew = options.skew ?? 1;
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < requests.length; i++) cumulative.push((sum += 1 / (i + 1) ** skew));
  const sample = (): string => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return requests[lo];
  };
  return { sequence: Array.from({ length: options.length }, sample), distinct: requests.length };
}
