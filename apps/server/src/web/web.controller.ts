import { Body, Controller, Get, Header, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
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
import {
  ACCEPTING_STATUSES,
  REQUIRED_STATUS_LABELS,
  REQUIRED_STATUSES,
  type CompanyProfile,
  MatchingService,
  ProgrammesService,
  ProgrammeRepository,
  RelatedProgrammesService,
  REVENUE_BAND_CODES,
  SLUG_PATTERN,
} from '@app/catalogue';
import { Clock, DomainError, validationFailed } from '@app/common';
import { AppConfig, programmePath, PublicUrls } from '@app/config';
import { labelIn, pickRanges, SearchService, SearchVocabulary } from '@app/search';
import { MatchQuery } from '../matching/match.dto';
import { queryObject, SlugParam } from '../http/params';
import { requestPath } from '../http/site-paths';
import { ProgrammeListQuery, toSearchRequest } from '../programmes/programme-list.query';
import { atomFeed, deadlinesCalendar, type Deadline } from './feeds';
import { programmePage } from './programme-page';
import { byStatus, openBySupportType, searchPage, type SearchState } from './search-page';
import { render } from './web-views';
import { textFor } from './web-i18n';
import { RateLimit } from '../api-access/rate-limit.decorator';
import { changed, compareUrl, keepSelection, localPath, selectionOf, selectionView, type CompareSelectionView } from './compare-selection';

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
  return Object.values(company).some((v) => v !== undefined) ? companyOf(company) : null;
}

/** The questionnaire's answers as the matcher reads them: "none of these statuses" is an answer (an empty list). */
function companyOf(answers: Omit<MatchQuery, 'lang' | 'page' | 'perPage'>): CompanyProfile {
  return { ...answers, statuses: answers.statuses?.filter((s) => s !== 'none') };
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

/** A change of the compare selection: a programme added or removed, or all cleared; then back to `back`. */
class CompareSelectionForm {
  @IsOptional() @IsString() @MaxLength(200) @Matches(SLUG_PATTERN, { message: 'add must be a programme slug' }) add?: string;
  @IsOptional() @IsString() @MaxLength(200) @Matches(SLUG_PATTERN, { message: 'remove must be a programme slug' }) remove?: string;
  @IsOptional() @IsIn(['1']) clear?: string;
  @IsOptional() @IsString() @MaxLength(2000) back?: string;
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
    private readonly related: RelatedProgrammesService,
    private readonly catalogue: ProgrammeRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly urls: PublicUrls,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async searchPage(
    @Query() query: WebSearchQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('x-fragment') fragment?: string,
  ): Promise<string> {
    // added to what the language choice varies by (a Vary header set here would replace it)
    res.vary('X-Fragment');
    const request = toSearchRequest(query);
    const { sort, page, perPage, lang, facets } = request;
    const company = await profileOf(query.profile);
    const state: SearchState = {
      q: request.q?.trim() ?? '',
      facets,
      sort,
      page,
      perPage,
      lang,
      ranges: pickRanges(request),
      profile: company ? query.profile : undefined,
    };
    const landing = !state.q && Object.values(facets).every((codes) => !codes?.length) && page === 1 && fragment !== 'results';
    const [result, open] = await Promise.all([
      // without a query, what still takes applications comes first, the soonest deadline first
      this.search.search({ ...request, q: state.q, sort: sort ?? (state.q ? undefined : 'deadline') }),
      landing ? this.search.search({ page: 1, perPage: 1, lang, facets: { status: [...ACCEPTING_STATUSES] } }) : Promise.resolve(null),
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
    const statuses = open ? byStatus(open, lang) : [];
    const sel = await this.selection(req, lang, v.shareUrl);
    return render(fragment === 'results' ? 'results.njk' : 'search.njk', { lang, v, sel, statuses, languageUrl: v.languageUrl });
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

  /**
   * Programmes side by side, every piece of their pages in rows (a row empty for all is left
   * out). The address names the programmes, so a comparison can be shared; each column can be
   * removed (from the address and from the visitor's selection).
   */
  @Get('compare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async compare(@Query() { slugs, lang }: CompareQuery, @Req() req: Request): Promise<string> {
    const [programmes, terms] = await Promise.all([
      Promise.all(slugs.map((slug) => this.programmes.getPublished(slug))),
      this.vocabulary.terms(),
    ]);
    const now = this.clock.now();
    const columns = programmes.map((p) => ({
      ...programmePage(p, terms, [], lang, now, this.urls, this.config.catalogue.sourceMaxAgeDays),
      url: programmePath(p.slug, lang),
      // removing a column: the comparison of the others (or the search, when none is left)
      without:
        slugs.length > 1
          ? compareUrl(
              slugs.filter((s) => s !== p.slug),
              lang,
            )
          : lang === 'en'
            ? '/?lang=en'
            : '/',
    }));
    const any = (has: (c: (typeof columns)[number]) => unknown) => columns.some((c) => has(c));
    const rows = {
      timing: any((c) => c.opensAt || c.closesAt || c.keyFacts.timing.length),
      scale: any((c) => c.keyFacts.scale.length),
      about: any((c) => c.description || c.benefit),
      conditions: any((c) => c.eligibility || c.criteria.length),
      documents: any((c) => c.documents.length),
      past: any((c) => c.pastFacts.length),
    };
    const sel = await this.selection(req, lang, compareUrl(slugs, lang));
    return render('compare.njk', { lang, columns, rows, sel, languageUrl: compareUrl(slugs, lang === 'ru' ? 'en' : 'ru') });
  }

  /**
   * Adds a programme to the visitor's compare selection, removes one, or clears it, then returns
   * to the page it came from (303); the script asks for the compare bar instead (`X-Fragment:
   * compare-bar`) and swaps it in. Five are never kept: a fifth is refused while four are picked.
   */
  @Post('compare/selection')
  async changeSelection(
    @Body() form: CompareSelectionForm,
    @Query() { lang }: LangQuery,
    @Req() req: Request,
    @Res() res: Response,
    @Headers('x-fragment') fragment?: string,
  ): Promise<void> {
    // a programme added must exist (a 404 page otherwise); one removed need not any more
    if (form.add) await this.programmes.getPublished(form.add);
    const slugs = changed(selectionOf(req), { add: form.add, remove: form.remove, clear: form.clear === '1' });
    keepSelection(req, res, slugs);
    const back = localPath(form.back, lang === 'en' ? '/?lang=en' : '/');
    if (fragment !== 'compare-bar') return res.redirect(303, back);
    res
      .status(200)
      .type('text/html; charset=utf-8')
      .send(render('compare-bar.njk', { lang, c: await this.selectionFor(slugs, lang, back) }));
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
    const statuses = REQUIRED_STATUSES.map((s) => ({
      value: s,
      label: REQUIRED_STATUS_LABELS[s][lang],
      selected: answers.statuses?.includes(s) ?? false,
    }));
    const answered = Object.values(answers).some((v) => v !== undefined);
    const result = answered ? await this.matching.match(companyOf(answers), lang, page, perPage) : null;
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
      // what to check, each named: a condition only the company can judge, or one its answers leave open
      checks: r.criteria.filter((c) => c.status === 'unknown').map((c) => c.explanation),
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
      statuses,
      noStatus: answers.statuses?.includes('none') ?? false,
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
  async programmePage(@Param() { slug }: SlugParam, @Query() { lang }: LangQuery, @Req() req: Request): Promise<string> {
    const programme = await this.programmes.getPublished(slug);
    const [terms, related] = await Promise.all([this.vocabulary.terms(), this.related.related(programme)]);
    const p = programmePage(programme, terms, related, lang, this.clock.now(), this.urls, this.config.catalogue.sourceMaxAgeDays);
    const sel = await this.selection(req, lang, programmePath(slug, lang));
    return render('programme.njk', { lang, p, sel, languageUrl: programmePath(slug, lang === 'ru' ? 'en' : 'ru') });
  }

  /** The visitor's compare selection as a page shows it; `back`: that page's address. */
  private selection(req: Request, lang: 'ru' | 'en', back: string): Promise<CompareSelectionView> {
    return this.selectionFor(selectionOf(req), lang, back);
  }

  private async selectionFor(slugs: string[], lang: 'ru' | 'en', back: string): Promise<CompareSelectionView> {
    const rows = slugs.length ? await this.catalogue.listMatchable({ slugs }) : [];
    return selectionView(slugs, new Map(rows.map((r) => [r.slug, { ru: r.titleRu, en: r.titleEn }])), lang, back);
  }
}
