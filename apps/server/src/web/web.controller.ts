import { Controller, Get, Header, Headers, Param, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request } from 'express';
import { ProgrammesService } from '@app/catalogue';
import { Clock } from '@app/common';
import { SearchService, SearchVocabulary } from '@app/search';
import { SlugParam } from '../http/params';
import { ProgrammeListQuery } from '../programmes/programme-list.query';
import { programmePage } from './programme-page';
import { searchPage, searchUrl, type SearchState } from './search-page';
import { render } from './web-views';

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
