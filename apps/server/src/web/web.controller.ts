import { Controller, Get, Header, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  validate,
} from 'class-validator';
import type { Request, Response } from 'express';
import { type CompanyProfile, MatchingService, ProgrammesService, REVENUE_BAND_CODES, SLUG_PATTERN } from '@app/catalogue';
import { Clock, DomainError, validationFailed } from '@app/common';
import { AppConfig, programmePath, PublicUrls } from '@app/config';
import { labelIn, SearchService, SearchVocabulary } from '@app/search';
import { MatchQuery } from '../matching/match.dto';
import { queryObject, SlugParam } from '../http/params';
import { requestPath } from '../http/site-paths';
import { ProgrammeListQuery, toSearchRequest } from '../programmes/programme-list.query';
import { atomFeed, deadlinesCalendar, type Deadline } from './feeds';
import { programmePage } from './programme-page';
import { openBySupportType, searchPage, type SearchState } from './search-page';
import { render } from './web-views';
import { textFor } from './web-i18n';
import { RateLimit } from '../api-access/rate-limit.decorator';

class LangQuery {
  @IsOptional() @IsIn(['ru', 'en']) lang: 'ru' | 'en' = 'ru';
}

/** The search page's query: a search, plus a questionnaire's answers to mark cards with (`profile`). */
class WebSearchQuery extends ProgrammeListQuery {
  @IsOptional() @IsString() @MaxLength(1000) profile?: string;
}

/** A questionnaire's answers given as a query string (what /match keeps in its URL), or a 400 naming `profile`. */
async function profileOf(profile: string | undefined): Promise<CompanyProfile | null> {
  if (!profile) return null;
  const answers = plainToInstance(MatchQuery, queryObject(new URLSearchParams(profile)));
  if ((await validate(answers, { whitelist: true, forbidNonWhitelisted: true })).length)
    throw validationFailed([{ field: 'profile', messages: ['not answers of the questionnaire'] }]);
  const { lang: _lang, page: _page, perPage: _perPage, ...company } = answers;
  return Object.values(company).some((v) => v !== undefined) ? company : null;
}

class CompareQuery extends LangQuery {
  @Transform(({ value }) => (Array.isArray(value) ? value : [value ?? '']).flatMap((v) => String(v).split(',')).filter((v) => v !== ''))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @Matches(SLUG_PATTERN, { each: true, message: 'slugs must hold programme slugs' })
  slugs: string[];
}

/**
 * The public website: server-rendered HTML, complete without JavaScript. The
 * search page's URL is its whole state; with `X-Fragment: results` only the
 * results region comes back (the script swaps it in without a reload).
 */
@ApiExcludeController()
@Public()
@RateLimit('web')
@Controller()
export class WebController {
  constructor(
    private readonly search: SearchService,
    private readonly programmes: ProgrammesService,
    private readonly vocabulary: SearchVocabulary,
    private readonly matching: MatchingService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly urls: PublicUrls,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Vary', 'X-Fragment')
  async searchPage(@Query() query: WebSearchQuery, @Headers('x-fragment') fragment?: string): Promise<string> {
    const request = toSearchRequest(query);
    const { sort, page, perPage, lang, amountMin, amountMax, closesAfter, closesBefore, facets } = request;
    const company = await profileOf(query.profile);
    const state: SearchState = {
      q: request.q?.trim() ?? '',
      facets,
      sort,
      page,
      perPage,
      lang,
      ranges: { amountMin, amountMax, closesAfter, closesBefore },
      profile: company ? query.profile : undefined,
    };
    const landing = !state.q && Object.values(facets).every((codes) => !codes?.length) && page === 1 && fragment !== 'results';
    const [result, open] = await Promise.all([
      // without a query, what still takes applications comes first, the soonest deadline first
      this.search.search({ ...request, q: state.q, sort: sort ?? (state.q ? undefined : 'deadline') }),
      landing ? this.search.search({ page: 1, perPage: 1, lang, facets: { status: ['open', 'ongoing'] } }) : Promise.resolve(null),
    ]);
    const verdicts = company
      ? await this.matching.verdicts(
          company,
          result.hits.map((h) => h.slug),
          lang,
        )
      : null;
    const v = searchPage(
      state,
      result,
      this.clock.now(),
      this.config.catalogue.sourceMaxAgeDays,
      open ? openBySupportType(open, lang) : [],
      verdicts,
    );
    return render(fragment === 'results' ? 'results.njk' : 'search.njk', { lang, v, languageUrl: v.languageUrl });
  }

  @Get('feed.atom')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  async atom(@Query() query: ProgrammeListQuery, @Req() req: Request): Promise<string> {
    const { lang } = query;
    const result = await this.search.search({ ...toSearchRequest(query), sort: 'updated' });
    return atomFeed(result.hits, this.urls.to(requestPath(req)), this.urls, lang);
  }

  @Get('deadlines.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="deadlines.ics"')
  async deadlines(@Query() query: ProgrammeListQuery): Promise<string> {
    const { lang, closesAfter } = query;
    // only what still closes: from today on, soonest first
    const from = closesAfter && closesAfter > this.clock.now() ? closesAfter : this.clock.now();
    const result = await this.search.search({ ...toSearchRequest(query), sort: 'deadline', closesAfter: from });
    return deadlinesCalendar(result.hits, this.urls, lang, textFor(lang).siteName);
  }

  @Get('programmes/:slug/deadline.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  async programmeDeadline(
    @Param() { slug }: SlugParam,
    @Query() { lang }: LangQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const p = await this.programmes.getPublished(slug);
    if (!p.timing.closesAt) throw new DomainError('not_found', 'PROGRAMME.NO_DEADLINE', `Programme "${slug}" has no deadline`);
    res.setHeader('Content-Disposition', `attachment; filename="${slug}.ics"`);
    const deadline: Deadline = {
      slug: p.slug,
      title: (lang === 'en' && p.title.en) || p.title.ru,
      summary: (lang === 'en' && p.summary.en) || p.summary.ru,
      provider: { name: (lang === 'en' && p.provider.name.en) || p.provider.name.ru },
      closesAt: p.timing.closesAt,
    };
    return deadlinesCalendar([deadline], this.urls, lang, deadline.title);
  }

  @Get('compare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async compare(@Query() { slugs, lang }: CompareQuery): Promise<string> {
    const [programmes, terms] = await Promise.all([
      Promise.all(slugs.map((slug) => this.programmes.getPublished(slug))),
      this.vocabulary.terms(),
    ]);
    const now = this.clock.now();
    const columns = programmes.map((p) => programmePage(p, terms, [], lang, now, this.urls, this.config.catalogue.sourceMaxAgeDays));
    const params = new URLSearchParams(slugs.map((s) => ['slugs', s]));
    if (lang === 'ru') params.set('lang', 'en');
    return render('compare.njk', { lang, columns, languageUrl: `/compare?${params}` });
  }

  @Get('match')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async matchPage(@Query() query: MatchQuery): Promise<string> {
    const { lang, page, perPage, ...answers } = query;
    const t = textFor(lang);
    const terms = await this.vocabulary.terms();
    const options = (facet: 'applicantType' | 'size' | 'industry' | 'territory' | 'objective', selected?: string | string[]) =>
      terms[facet].map((term) => ({ value: term.code, label: labelIn(term, lang), selected: [selected ?? []].flat().includes(term.code) }));
    const goals = options('objective', answers.goal);
    const selects = [
      { name: 'applicantType', label: t.match.applicantType, options: options('applicantType', answers.applicantType) },
      { name: 'size', label: t.match.size, options: options('size', answers.size) },
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
    const urlWith = (extra: Record<string, string | number | undefined>) => {
      const params = new URLSearchParams(
        Object.entries({ ...answers, ...extra })
          .filter(([, v]) => v !== undefined)
          .flatMap(([k, v]) => [v].flat().map((one) => [k, String(one)])),
      );
      return `/match${params.size ? `?${params}` : ''}`;
    };
    const here = { lang: lang === 'ru' ? undefined : lang, perPage: perPage === 20 ? undefined : perPage };
    const cards = (result?.results ?? []).map((r) => ({
      ...r,
      url: programmePath(r.slug, lang),
      // what was judged, one line each; what to check, and what the programme does not limit, one line for all
      judged: r.criteria.filter((c) => c.status === 'met' || c.status === 'not_met'),
      check: r.criteria
        .filter((c) => c.status === 'unknown')
        .map((c) => c.explanation)
        .join(' '),
      noLimit: r.criteria
        .filter((c) => c.status === 'not_stated')
        .map((c) => t.match.criteria[c.criterion])
        .join(', '),
    }));
    const groups = result
      ? (['fits', 'partly', 'does_not_fit'] as const).map((fit) => ({
          fit,
          count: result.groups[fit],
          cards: cards.filter((c) => c.fit === fit),
        }))
      : [];
    const pages = result ? Math.max(1, Math.ceil(result.total / perPage)) : 1;
    const m = {
      selects,
      goals,
      answers,
      answered,
      total: result?.total ?? 0,
      summary: result ? t.match.summary(result.groups.fits, result.groups.partly, result.groups.does_not_fit) : '',
      groups,
      action: '/match#results',
      previousUrl: page > 1 ? `${urlWith({ ...here, page: page - 1 })}#results` : null,
      nextUrl: page < pages ? `${urlWith({ ...here, page: page + 1 })}#results` : null,
      page,
      pages,
      // the same answers marked on every programme of the search
      searchUrl: `/?profile=${encodeURIComponent(new URL(urlWith({}), 'http://x').search.slice(1))}${lang === 'ru' ? '' : '&lang=en'}`,
    };
    return render('match.njk', {
      lang,
      m,
      languageUrl: urlWith({ lang: lang === 'ru' ? 'en' : undefined, page: page > 1 ? page : undefined }),
    });
  }

  @Get('programmes/:slug')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async programmePage(@Param() { slug }: SlugParam, @Query() { lang }: LangQuery): Promise<string> {
    const programme = await this.programmes.getPublished(slug);
    const [terms, related] = await Promise.all([
      this.vocabulary.terms(),
      programme.supportTypes.length
        ? this.search.search({ page: 1, perPage: 4, lang, facets: { supportType: programme.supportTypes.slice(0, 1) } })
        : Promise.resolve(null),
    ]);
    const p = programmePage(
      programme,
      terms,
      related?.hits ?? [],
      lang,
      this.clock.now(),
      this.urls,
      this.config.catalogue.sourceMaxAgeDays,
    );
    return render('programme.njk', { lang, p, languageUrl: programmePath(slug, lang === 'ru' ? 'en' : 'ru') });
  }
}
