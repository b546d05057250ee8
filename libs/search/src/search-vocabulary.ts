import { Injectable } from '@nestjs/common';
import { FACETS, type Lang, OrganisationsService, PROGRAMME_STATUSES, type ProgrammeStatus, TaxonomyService } from '@app/catalogue';
import type { SearchFacet } from './search.model';

export interface FacetTerm {
  code: string;
  label: { ru: string; en: string | null };
}

const STATUS_LABELS: Record<ProgrammeStatus, { ru: string; en: string }> = {
  open: { ru: 'Приём заявок открыт', en: 'Open for applications' },
  standing: { ru: 'Принимают заявки постоянно', en: 'Always open' },
  upcoming: { ru: 'Приём скоро откроется', en: 'Opening soon' },
  not_confirmed: { ru: 'Статус приёма не подтверждён', en: 'Status not confirmed' },
  closed: { ru: 'Приём заявок закрыт', en: 'Closed' },
};

const CACHE_MS = 5_000;

/** The codes and labels of every facet (taxonomy, providers, statuses), cached for a few seconds. */
@Injectable()
export class SearchVocabulary {
  private cached: { at: number; terms: Record<SearchFacet, FacetTerm[]> } | null = null;

  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly organisations: OrganisationsService,
  ) {}

  async terms(fresh = false): Promise<Record<SearchFacet, FacetTerm[]>> {
    if (!fresh && this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.terms;
    const [taxonomy, organisations] = await Promise.all([this.taxonomy.getAll(), this.organisations.list()]);
    const terms = {} as Record<SearchFacet, FacetTerm[]>;
    for (const f of FACETS) {
      terms[f.param] = (taxonomy.facets.find((v) => v.facet === f.facet)?.terms ?? []).map((t) => ({ code: t.code, label: t.label }));
    }
    terms.provider = organisations.map((o) => ({ code: o.slug, label: o.name }));
    terms.status = PROGRAMME_STATUSES.map((code) => ({ code, label: STATUS_LABELS[code] }));
    this.cached = { at: Date.now(), terms };
    return terms;
  }

  /** Selected codes the vocabulary does not know, per facet (rechecked against fresh data before answering 400). */
  async unknown(selection: Partial<Record<SearchFacet, string[]>>): Promise<[SearchFacet, string[]][]> {
    const find = (terms: Record<SearchFacet, FacetTerm[]>) =>
      (Object.entries(selection) as [SearchFacet, string[] | undefined][])
        .map(([facet, codes]): [SearchFacet, string[]] => [facet, (codes ?? []).filter((c) => !terms[facet]?.some((t) => t.code === c))])
        .filter(([, missing]) => missing.length > 0);
    const first = find(await this.terms());
    return first.length ? find(await this.terms(true)) : first;
  }
}

export const labelIn = (term: FacetTerm, lang: Lang): string => (lang === 'en' && term.label.en) || term.label.ru;
