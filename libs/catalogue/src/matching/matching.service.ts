import { Injectable } from '@nestjs/common';
import { validationFailed } from '@app/common';
import type { Lang } from '../programmes/programme.mapper';
import { pick } from '../programmes/programme.mapper';
import type { Programme } from '../programmes/programme.entity';
import { ProgrammeRepository } from '../programmes/programme.repository';
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
  page: number;
  perPage: number;
}

/** A candidate as kept between requests: only what scoring and the answer read, strings shared. */
interface Candidate extends MatchableProgramme {
  slug: string;
  titleRu: string;
  titleEn: string | null;
  providerRu: string;
  providerEn: string | null;
  status: string;
  closesAt: string | null;
}

/** Up to this many candidates are kept in memory between requests (about 20 MB); a larger catalogue is read per request. */
const MAX_KEPT_CANDIDATES = 20_000;

/** Scores need no labels: the first pass over every candidate skips building the sentences. */
const SILENT: MatchVocabulary = { label: () => '', territoryParent: () => null };

const collators = { ru: new Intl.Collator('ru'), en: new Intl.Collator('en') };

/**
 * Ranks the published programmes that still take applications by how well
 * they fit a company. The candidates are kept between requests while no
 * published programme changes; every candidate is scored, and only the
 * requested page is explained in words.
 */
@Injectable()
export class MatchingService {
  private kept: { version: string; candidates: Promise<Candidate[]> } | null = null;

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly taxonomy: TaxonomyRepository,
  ) {}

  /** The candidates, from memory while no published programme has changed since they were read. */
  private async currentCandidates(): Promise<Candidate[]> {
    const version = await this.programmes.publishedVersion();
    if (this.kept?.version === version) return this.kept.candidates;
    const candidates = this.programmes.listMatchable().then(compact);
    this.kept = { version, candidates };
    candidates.then(
      (list) => {
        if (list.length > MAX_KEPT_CANDIDATES && this.kept?.candidates === candidates) this.kept = null;
      },
      () => (this.kept = null),
    );
    return candidates;
  }

  async match(company: CompanyProfile, lang: Lang, page: number, perPage: number): Promise<MatchPage> {
    await this.assertKnownCodes(company);
    const [candidates, terms] = await Promise.all([this.currentCandidates(), this.taxonomy.listAll()]);
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
    // territory ancestry matters to the score, so the first pass keeps it
    const scoring: MatchVocabulary = { ...SILENT, territoryParent: vocabulary.territoryParent };
    const collator = collators[lang];
    const ranked = candidates
      .map((p) => ({ p, title: pick(p.titleRu, p.titleEn, lang).text, score: matchProgramme(p, company, scoring, lang).score }))
      .sort((a, b) => b.score - a.score || collator.compare(a.title, b.title));
    const results = ranked.slice((page - 1) * perPage, page * perPage).map(({ p, title }) => ({
      slug: p.slug,
      title,
      provider: pick(p.providerRu, p.providerEn, lang).text,
      status: p.status,
      closesAt: p.closesAt,
      ...matchProgramme(p, company, vocabulary, lang),
    }));
    return { results, total: ranked.length, page, perPage };
  }

  /** Codes the taxonomy does not know are a 400 naming the answer. */
  private async assertKnownCodes(company: CompanyProfile): Promise<void> {
    const answers = [
      ['applicantType', 'applicant_type', company.applicantType],
      ['industry', 'industry', company.industry],
      ['territory', 'territory', company.territory],
      ['goal', 'objective', company.goal],
    ] as const;
    const pairs = answers.filter(([, , code]) => code).map(([, facet, code]) => ({ facet, code: code as string }));
    const unknown = await this.taxonomy.findUnknownTerms(pairs);
    const problems = answers
      .filter(([, facet, code]) => code && unknown.some((u) => u.facet === facet && u.code === code))
      .map(([field, facet, code]) => ({ field, messages: [`unknown ${facet} "${code}"`] }));
    if (problems.length) throw validationFailed(problems);
  }
}

/** Entities to compact candidates: repeated strings and empty lists shared, nothing else kept. */
function compact(programmes: Programme[]): Candidate[] {
  const strings = new Map<string, string>();
  const intern = (s: string): string => strings.get(s) ?? (strings.set(s, s), s);
  const NONE: string[] = [];
  const codes = (list: string[]) => (list.length ? list.map(intern) : NONE);
  const NO_CRITERIA = Object.freeze({});
  return programmes.map((p) => ({
    slug: p.slug,
    titleRu: p.titleRu,
    titleEn: p.titleEn,
    providerRu: intern(p.provider?.nameRu ?? ''),
    providerEn: p.provider?.nameEn ? intern(p.provider.nameEn) : null,
    status: intern(p.status),
    closesAt: p.closesAt ? p.closesAt.toISOString() : null,
    applicantTypes: codes(p.applicantTypes),
    industries: codes(p.industries),
    objectives: codes(p.objectives),
    territories: codes(p.territories),
    eligibility: Object.keys(p.eligibility ?? {}).length ? p.eligibility : NO_CRITERIA,
  }));
}
