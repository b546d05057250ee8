import { Controller, Get, Header, Headers, Param, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request } from 'express';
import { MatchingService, ProgrammesService, REVENUE_BAND_CODES } from '@app/catalogue';
import { Clock } from '@app/common';
import { labelIn, SearchService, SearchVocabulary } from '@app/search';
import { MatchQuery } from '../matching/match.dto';
import { SlugParam } from '../http/params';
import { ProgrammeListQuery } from '../programmes/programme-list.query';
import { programmePage } from './programme-page';
import { searchPage, searchUrl, type SearchState } from './search-page';
import { render } from './web-views';
import { textFor } from './web-i18n';

class LangQuery {
  @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}

/**
 * The public website: server-rendered HTML, complete without JavaScript. The
 * search page's URL is its whole state; with `X-Fragment: results` only the
 * results region comes back (the script swaps it in without a reload).
 */
@ApiExcludeController()
@Controller()
export class WebController {
  constructor(
    private readonly search: SearchService,
    private readonly programmes: ProgrammesService,
    private readonly vocabulary: SearchVocabulary,
    private readonly matching: MatchingService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Vary', 'X-Fragment')
  async searchPage(@Query() query: ProgrammeListQuery, @Headers('x-fragment') fragment?: string): Promise<string> {
    const { q, sort, page, perPage, lang, amountMin, amountMax, closesAfter, closesBefore, ...facets } = query;
    const state: SearchState = { q: q?.trim() ?? '', facets, sort, page, perPage, lang };
    const result = await this.search.search({ q: state.q, sort, page, perPage, lang, amountMin, amountMax, closesAfter, closesBefore, facets });
    const v = searchPage(state, result, this.clock.now());
    const context = { lang, v, languageUrl: v.languageUrl, canonical: searchUrl(state) };
    return render(fragment === 'results' ? 'results.njk' : 'search.njk', context);
  }

  @Get('match')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async matchPage(@Query() query: MatchQuery): Promise<string> {
    const { lang, page, perPage, ...answers } = query;
    const t = textFor(lang);
    const terms = await this.vocabulary.terms();
    const options = (facet: 'applicantType' | 'industry' | 'territory' | 'objective', selected?: string) =>
      terms[facet].map((term) => ({ value: term.code, label: labelIn(term, lang), selected: term.code === selected }));
    const selects = [
      { name: 'applicantType', label: t.match.applicantType, options: options('applicantType', answers.applicantType) },
      { name: 'goal', label: t.match.goal, options: options('objective', answers.goal) },
      { name: 'industry', label: t.match.industry, options: options('industry', answers.industry) },
      { name: 'territory', label: t.match.territory, options: options('territory', answers.territory) },
      {
        name: 'revenueBand',
        label: t.match.revenueBand,
        options: REVENUE_BAND_CODES.map((b) => ({ value: b, label: t.match.bands[b], selected: b === answers.revenueBand })),
      },
    ];
    const answered = Object.values(answers).some((v) => v !== undefined);
    const result = answered ? await this.matching.match(answers, lang, page, perPage) : null;
    const m = {
      selects,
      answers,
      answered,
      total: result?.total ?? 0,
      results: (result?.results ?? []).map((r) => ({ ...r, url: `/programmes/${r.slug}${lang === 'ru' ? '' : '?lang=en'}` })),
    };
    const params = new URLSearchParams(
      Object.entries({ ...answers, lang: lang === 'ru' ? 'en' : undefined }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]),
    );
    return render('match.njk', { lang, m, languageUrl: `/match${params.size ? `?${params}` : ''}` });
  }

  @Get('programmes/:slug')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async programmePage(@Param() { slug }: SlugParam, @Query() { lang }: LangQuery, @Req() req: Request): Promise<string> {
    const programme = await this.programmes.getPublished(slug);
    const [terms, related] = await Promise.all([
      this.vocabulary.terms(),
      programme.supportTypes.length
        ? this.search.search({ page: 1, perPage: 4, lang, facets: { supportType: programme.supportTypes.slice(0, 1) } })
        : Promise.resolve(null),
    ]);
    const baseUrl = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const p = programmePage(programme, terms, related?.hits ?? [], lang, this.clock.now(), baseUrl);
    return render('programme.njk', { lang, p, languageUrl: `/programmes/${slug}${lang === 'ru' ? '?lang=en' : ''}` });
  }
}
