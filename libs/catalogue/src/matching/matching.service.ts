import { Injectable } from '@nestjs/common';
import { validationFailed } from '@app/common';
import type { Lang } from '../programmes/programme.mapper';
import { pick } from '../programmes/programme.mapper';
import type { Programme } from '../programmes/programme.entity';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { FACETS, REQUIRED_STATUS_LABELS, type RequiredStatus } from '../taxonomy/facets';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { CompanyProfile, matchProgramme, MatchOutcome, MatchVocabulary } from './programme-matcher';

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
  private candidates: { version: string; programmes: Promise<Programme[]> } | null = null;

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly taxonomy: TaxonomyRepository,
  ) {}

  private async currentCandidates(): Promise<Programme[]> {
    const version = await this.programmes.publishedVersion();
    if (this.candidates?.version !== version) {
      const programmes = this.programmes.listMatchable();
      this.candidates = { version, programmes };
      programmes.catch(() => (this.candidates = null));
    }
    return this.candidates.programmes;
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
      provider: p.provider ? pick(p.provider.nameRu, p.provider.nameEn, lang).text : '',
      status: p.status,
      closesAt: p.closesAt ? p.closesAt.toISOString() : null,
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
