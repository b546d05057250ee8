import { Injectable } from '@nestjs/common';
import { DomainError, validationFailed } from '@app/common';
import type { Lang } from '../programmes/programme.mapper';
import { pick } from '../programmes/programme.mapper';
import { ProgrammeRepository, type MatchableRow } from '../programmes/programme.repository';
import { FACETS, REQUIRED_STATUS_LABELS, type RequiredStatus } from '../taxonomy/facets';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { CompanyProfile, MatchableProgramme, matchProgramme, MatchOutcome, MatchVocabulary } from './programme-matcher';

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

/** A candidate as the matcher keeps it: only what scoring and the answer read, strings shared. */
interface Candidate extends MatchableProgramme {
  slug: string;
  titleRu: string;
  titleEn: string | null;
  providerRu: string;
  providerEn: string | null;
  status: string;
  closesAt: string | null;
}

/** Candidates read from the database per round trip. */
const BATCH = 5000;
/** Up to this many candidates are kept in memory between requests (a few MB); a larger catalogue is read per request. */
const MAX_KEPT_CANDIDATES = 20_000;
/** The deepest result a request may ask for (page × perPage): ranking keeps only that many, whatever the catalogue's size. */
export const MAX_MATCH_DEPTH = 10_000;

/** Scores need no labels: the first pass over every candidate skips building the sentences. */
const SILENT: MatchVocabulary = { label: () => '', territoryParent: () => null };

const collators = { ru: new Intl.Collator('ru'), en: new Intl.Collator('en') };

interface Ranked {
  candidate: Candidate;
  title: string;
  score: number;
}

/**
 * Ranks the published programmes that still take applications by how well
 * they fit a company. Candidates are read in batches and only the best
 * page × perPage are kept while ranking, so memory stays bounded whatever the
 * catalogue's size; a small catalogue's candidates stay in memory while no
 * published programme changes. Only the requested page is explained in words.
 */
@Injectable()
export class MatchingService {
  private kept: { version: string; candidates: Candidate[] } | null = null;

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
    const terms = await this.taxonomy.listAll();
    const byParam = new Map(FACETS.map((f) => [f.facet, f.param]));
    const terminology = new Map(terms.map((t) => [`${byParam.get(t.facet)}:${t.code}`, t]));
    const vocabulary: MatchVocabulary = {
      label: (facet, code) => {
        if (facet === 'status') return REQUIRED_STATUS_LABELS[code as RequiredStatus]?.[lang] ?? code;
        const term = terminology.get(`${facet}:${code}`);
        return term ? pick(term.labelRu, term.labelEn, lang).text : code;
      },
      territoryParent: (code) => terminology.get(`territory:${code}`)?.parentCode ?? null,
    };
    // territory ancestry matters to the score, so the scoring pass keeps it
    const scoring: MatchVocabulary = { ...SILENT, territoryParent: vocabulary.territoryParent };
    const collator = collators[lang];
    const order = (a: Ranked, b: Ranked) => b.score - a.score || collator.compare(a.title, b.title);
    const depth = page * perPage;
    let best: Ranked[] = [];
    let total = 0;
    const groups: MatchPage['groups'] = { fits: 0, partly: 0, does_not_fit: 0 };
    for await (const batch of this.candidates()) {
      total += batch.length;
      for (const candidate of batch) {
        const { score, fit } = matchProgramme(candidate, company, scoring, lang);
        groups[fit]++;
        best.push({ candidate, title: pick(candidate.titleRu, candidate.titleEn, lang).text, score });
      }
      if (best.length > depth * 2 + BATCH) best = best.sort(order).slice(0, depth);
    }
    const results = best
      .sort(order)
      .slice((page - 1) * perPage, depth)
      .map(({ candidate: p, title }) => ({
        slug: p.slug,
        title,
        provider: pick(p.providerRu, p.providerEn, lang).text,
        status: p.status,
        closesAt: p.closesAt,
        ...matchProgramme(p, company, vocabulary, lang),
      }));
    return { results, total, groups, page, perPage };
  }

  /** How each of these programmes fits the company (for verdicts on search results), by slug. */
  async verdicts(company: CompanyProfile, slugs: string[], lang: Lang): Promise<Map<string, MatchOutcome['fit']>> {
    await this.assertKnownCodes(company);
    const terms = await this.taxonomy.listAll();
    const parents = new Map(terms.filter((t) => t.facet === 'territory').map((t) => [t.code, t.parentCode]));
    const vocabulary: MatchVocabulary = { ...SILENT, territoryParent: (code) => parents.get(code) ?? null };
    const rows = await this.programmes.listMatchableBySlugs(slugs);
    return new Map(rows.map((r) => [r.slug, matchProgramme(compact(r, new Map()), company, vocabulary, lang).fit]));
  }

  /** The candidates in batches: from memory while nothing published has changed, else from the database. */
  private async *candidates(): AsyncGenerator<Candidate[]> {
    const version = await this.programmes.publishedVersion();
    if (this.kept?.version === version) {
      yield this.kept.candidates;
      return;
    }
    const strings = new Map<string, string>();
    let all: Candidate[] | null = [];
    for (let after: string | null = null; ; ) {
      const rows = await this.programmes.listMatchable(after, BATCH);
      if (!rows.length) break;
      const batch = rows.map((r) => compact(r, strings));
      all = all && all.length + batch.length <= MAX_KEPT_CANDIDATES ? all.concat(batch) : null;
      yield batch;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    if (all) this.kept = { version, candidates: all };
  }

  /** Codes the taxonomy does not know are a 400 naming the answer. */
  private async assertKnownCodes(company: CompanyProfile): Promise<void> {
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

const NONE: string[] = [];
const NO_CRITERIA = Object.freeze({});

/** A row as a candidate: repeated strings (codes, provider names) shared through `strings`, empty lists shared. */
function compact(r: MatchableRow, strings: Map<string, string>): Candidate {
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  const codes = (list: string[] | null) => (list?.length ? list.map(intern) : NONE);
  return {
    slug: r.slug,
    titleRu: r.titleRu,
    titleEn: r.titleEn,
    providerRu: intern(r.providerRu),
    providerEn: r.providerEn === null ? null : intern(r.providerEn),
    status: intern(r.status),
    closesAt: r.closesAt ? r.closesAt.toISOString() : null,
    applicantTypes: codes(r.applicantTypes),
    sizes: codes(r.sizes),
    industries: codes(r.industries),
    objectives: codes(r.objectives),
    territories: codes(r.territories),
    eligibility: r.eligibility && Object.keys(r.eligibility).length ? r.eligibility : NO_CRITERIA,
  };
}
