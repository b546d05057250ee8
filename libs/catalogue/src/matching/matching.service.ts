import { Injectable } from '@nestjs/common';
import { DomainError, validationFailed } from '@app/common';
import type { Lang } from '../programmes/programme.mapper';
import { pick } from '../programmes/programme.mapper';
import { ProgrammeRepository, type MatchableRow } from '../programmes/programme.repository';
import { FACETS, REQUIRED_STATUS_LABELS, type RequiredStatus } from '../taxonomy/facets';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { CompanyProfile, MatchableProgramme, matchProgramme, MatchOutcome, MatchVocabulary } from './programme-matcher';
import { placeOkved } from './okved';

export interface MatchedProgramme extends MatchOutcome {
  slug: string;
  title: string;
  provider: string;
  status: string;
  closesAt: string | null;
}

export interface MatchPage {
  results: MatchedProgramme[];
  total: number;
  /** How many candidates fall in each group (results come in this order: fits, partly, does_not_fit). */
  groups: Record<MatchOutcome['fit'], number>;
  page: number;
  perPage: number;
}

/** Candidates read from the database per round trip while the index is built. */
const BATCH = 5000;
/** The deepest result a request may ask for (page × perPage): ranking keeps only that many, whatever the catalogue's size. */
export const MAX_MATCH_DEPTH = 10_000;

/** Scores need no labels: the first pass over every candidate skips building the sentences. */
const SILENT: MatchVocabulary = { label: () => '', parentOf: () => null };

const collators = { ru: new Intl.Collator('ru'), en: new Intl.Collator('en') };

/**
 * The programmes that still take applications, as the matcher keeps them while
 * nothing published changes. A score depends only on a programme's conditions,
 * and programmes share them (one provider's programmes, one template), so each
 * distinct set is kept once and scored once per request; a programme is its id,
 * the index of its conditions and its place in each language's title order
 * (the tie-break). Titles are read once to sort, then dropped. About 100 bytes a
 * programme: 100,000 programmes take some 10 MB.
 */
interface CandidateIndex {
  ids: string[];
  conditions: MatchableProgramme[];
  conditionOf: Uint32Array;
  /** Candidate positions in title order, per language. */
  byTitle: Record<Lang, Uint32Array>;
}

/**
 * Ranks the published programmes that still take applications by how well
 * they fit a company: the score, then the title. Each distinct set of
 * conditions is scored once, the groups are counted over every candidate, and
 * the page is picked in one pass over the title order; only the requested
 * page is read in full and explained in words.
 */
@Injectable()
export class MatchingService {
  private index: { version: string; reading: Promise<CandidateIndex> } | null = null;

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly taxonomy: TaxonomyRepository,
  ) {}

  async match(company: CompanyProfile, lang: Lang, page: number, perPage: number): Promise<MatchPage> {
    if (page * perPage > MAX_MATCH_DEPTH) {
      throw new DomainError('invalid', 'VALIDATION_FAILED', `Results go ${MAX_MATCH_DEPTH} deep at most`, [
        { field: 'page', messages: [`page × perPage must not exceed ${MAX_MATCH_DEPTH}`] },
      ]);
    }
    await this.assertKnownCodes(company);
    const [terms, candidates] = await Promise.all([this.taxonomy.listAll(), this.candidates()]);
    const byParam = new Map(FACETS.map((f) => [f.facet, f.param]));
    const terminology = new Map(terms.map((t) => [`${byParam.get(t.facet)}:${t.code}`, t]));
    const vocabulary: MatchVocabulary = {
      label: (facet, code) => {
        if (facet === 'status') return REQUIRED_STATUS_LABELS[code as RequiredStatus]?.[lang] ?? code;
        const term = terminology.get(`${facet}:${code}`);
        return term ? pick(term.labelRu, term.labelEn, lang).text : code;
      },
      parentOf: (facet, code) => terminology.get(`${facet}:${code}`)?.parentCode ?? null,
    };
    // territories and industries nest, which matters to the score, so the scoring pass keeps it
    const scoring: MatchVocabulary = { ...SILENT, parentOf: vocabulary.parentOf };
    const outcomes = candidates.conditions.map((c) => matchProgramme(c, company, scoring, lang));
    const { conditionOf, byTitle, ids } = candidates;
    const groups: MatchPage['groups'] = { fits: 0, partly: 0, does_not_fit: 0 };
    // how many candidates have each score, to find the lowest score the page reaches
    const perScore = new Map<number, number>();
    for (let i = 0; i < conditionOf.length; i++) {
      const { score, fit } = outcomes[conditionOf[i]];
      groups[fit]++;
      perScore.set(score, (perScore.get(score) ?? 0) + 1);
    }
    const depth = page * perPage;
    let lowest = Number.NEGATIVE_INFINITY;
    let quota = depth;
    for (const [score, n] of [...perScore].sort(([a], [b]) => b - a)) {
      if (quota <= n) {
        lowest = score;
        break;
      }
      quota -= n;
    }
    // in title order: every candidate above the lowest score, and the first `quota` at it; then best score first
    const ranked: { at: number; score: number }[] = [];
    for (const at of byTitle[lang]) {
      const { score } = outcomes[conditionOf[at]];
      if (score > lowest || (score === lowest && quota-- > 0)) ranked.push({ at, score });
    }
    ranked.sort((a, b) => b.score - a.score); // stable: titles stay in order within a score
    const wanted = ranked.slice((page - 1) * perPage, depth).map((r) => ids[r.at]);
    const rows = new Map((await this.programmes.listMatchable({ ids: wanted })).map((r) => [r.id, r]));
    const results = wanted
      .map((id) => rows.get(id))
      .filter((r): r is MatchableRow => r !== undefined) // unpublished since the index was read
      .map((r) => ({
        slug: r.slug,
        title: pick(r.titleRu, r.titleEn, lang).text,
        provider: pick(r.providerRu, r.providerEn, lang).text,
        status: r.status,
        closesAt: r.closesAt ? r.closesAt.toISOString() : null,
        ...matchProgramme(r, company, vocabulary, lang),
      }));
    return { results, total: conditionOf.length, groups, page, perPage };
  }

  /** How each of these programmes fits the company (for verdicts on search results), by slug. */
  async verdicts(company: CompanyProfile, slugs: string[], lang: Lang): Promise<Map<string, MatchOutcome['fit']>> {
    await this.assertKnownCodes(company);
    const terms = await this.taxonomy.listAll();
    const parents = new Map(terms.map((t) => [`${t.facet}:${t.code}`, t.parentCode]));
    const vocabulary: MatchVocabulary = { ...SILENT, parentOf: (facet, code) => parents.get(`${facet}:${code}`) ?? null };
    const rows = await this.programmes.listMatchable({ slugs });
    return new Map(rows.map((r) => [r.slug, matchProgramme(r, company, vocabulary, lang).fit]));
  }

  /** The candidate index for the published catalogue as it is now: kept while nothing published changes, read once for concurrent requests. */
  private async candidates(): Promise<CandidateIndex> {
    const version = await this.programmes.publishedVersion();
    if (this.index?.version !== version) {
      const reading = this.read();
      this.index = { version, reading };
      // a failed read is not kept: the next request reads again
      reading.catch(() => {
        if (this.index?.reading === reading) this.index = null;
      });
    }
    return this.index.reading;
  }

  private async read(): Promise<CandidateIndex> {
    const ids: string[] = [];
    const titles: Record<Lang, string[]> = { ru: [], en: [] };
    const conditions: MatchableProgramme[] = [];
    const known = new Map<string, number>();
    const conditionOf: number[] = [];
    for (let after: string | null = null; ;) {
      const rows = await this.programmes.listMatchConditions(after, BATCH);
      for (const r of rows) {
        const own: MatchableProgramme = {
          applicantTypes: r.applicantTypes ?? [],
          sizes: r.sizes ?? [],
          industries: r.industries ?? [],
          objectives: r.objectives ?? [],
          territories: r.territories ?? [],
          eligibility: r.eligibility ?? {},
          checks: r.checks ?? [],
        };
        const key = JSON.stringify(own);
        let at = known.get(key);
        if (at === undefined) {
          at = conditions.push(own) - 1;
          known.set(key, at);
        }
        conditionOf.push(at);
        ids.push(r.id);
        titles.ru.push(r.titleRu);
        titles.en.push(pick(r.titleRu, r.titleEn, 'en').text);
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    const order = (lang: Lang) => Uint32Array.from(ids.keys()).sort((a, b) => collators[lang].compare(titles[lang][a], titles[lang][b]));
    return { ids, conditions, conditionOf: Uint32Array.from(conditionOf), byTitle: { ru: order('ru'), en: order('en') } };
  }

  /** Codes the taxonomy does not know are a 400 naming the answer. */
  private async assertKnownCodes(company: CompanyProfile): Promise<void> {
    if (company.okved && !placeOkved(company.okved)?.industries.length)
      throw validationFailed([
        { field: 'okved', messages: [`"${company.okved}" is not an ОКВЭД 2 code of a business activity (two digits, then groups: 62.01)`] },
      ]);
    const answers = [
      ['applicantType', 'applicant_type', company.applicantType],
      ['industry', 'industry', company.industry],
      ['territory', 'territory', company.territory],
      ['size', 'size', company.size],
      ...[company.goal ?? []].flat().map((goal) => ['goal', 'objective', goal] as const),
    ] as const;
    const pairs = answers.filter(([, , code]) => code).map(([, facet, code]) => ({ facet, code: code as string }));
    const unknown = await this.taxonomy.findUnknownTerms(pairs);
    const problems = answers
      .filter(([, facet, code]) => code && unknown.some((u) => u.facet === facet && u.code === code))
      .map(([field, facet, code]) => ({ field, messages: [`unknown ${facet} "${code}"`] }));
    if (problems.length) throw validationFailed(problems);
  }
}
