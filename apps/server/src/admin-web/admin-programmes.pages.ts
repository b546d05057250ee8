import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  emptyValues,
  FACETS,
  OrganisationsService,
  SuggestedUpdatesService,
  PUBLICATION_STATES,
  ProgrammeRevisions,
  ProgrammesService,
  REQUIRED_STATUS_LABELS,
  REQUIRED_STATUSES,
  sourcesOutdatedBefore,
  KEY_FACT_GROUPS,
  KEY_FACT_UNITS,
  possiblyOutdated,
  TaxonomyService,
  TRANSITIONS,
  transitionsFrom,
  toProgrammeInput,
  toRecord,
  type ProgrammeTransition,
  type ProgrammeView,
  type PublicationState,
} from '@app/catalogue';
import { IsUUID, Matches } from 'class-validator';
import { Clock, DomainError, exactVersion } from '@app/common';
import { AppConfig, PublicUrls } from '@app/config';
import { SearchVocabulary } from '@app/search';
import { IdParam } from '../http/params';
import { programmePage } from '../web/programme-page';
import { render } from '../web/web-views';
import {
  adminPage,
  answer,
  errorsByField,
  formList,
  formText,
  formVersion,
  noticeOf,
  problemsOf,
  seeOther,
  showPage,
  type FormBody,
  type Outcome,
} from './admin-pages';
import { actorOf, Admin, AdminContext, AdminPages, AdminRoles } from './admin-session';
import {
  changedFields,
  diffRecords,
  displayValue,
  editable,
  labelsOf,
  mergeRecords,
  misshapenFields,
  recordFromForm,
  toMoscowInput,
  type EditableRecord,
  type Side,
} from './programme-form';

const PER_PAGE = 25;
const ACTIONS = Object.keys(TRANSITIONS) as ProgrammeTransition[];
/** Blank rows offered under each list so a few more can be added without a script. */
const SPARE_ROWS = 2;

const EMPTY_RECORD: EditableRecord = {
  slug: '',
  provider: '',
  parent: null,
  title: { ru: '', en: null },
  summary: { ru: '', en: null },
  ...emptyValues(),
};

class SuggestionParams extends IdParam {
  @IsUUID() suggestionId: string;
}

class RevisionParams extends IdParam {
  @Matches(/^[1-9]\d{0,8}$/, { message: 'version must be a revision number' }) version: string;
}

const positiveInt = (v: string | undefined, fallback: number): number => (v && /^\d{1,6}$/.test(v) && Number(v) > 0 ? Number(v) : fallback);

/**
 * The editors' programme pages: list with filters, the edit form (errors next
 * to fields), publication moves, preview, history with diffs and restore, and
 * the conflict page that merges a stale save instead of overwriting.
 */
@ApiExcludeController()
@AdminPages('admin', 'editor')
@Controller('admin/programmes')
export class AdminProgrammesPages {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsService,
    private readonly taxonomy: TaxonomyService,
    private readonly vocabulary: SearchVocabulary,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly urls: PublicUrls,
    private readonly suggestedUpdates: SuggestedUpdatesService,
    private readonly revisions: ProgrammeRevisions,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@Admin() admin: AdminContext, @Query() query: FormBody): Promise<string> {
    const q = formText(query, 'q').slice(0, 200);
    const states = formList(query, 'publicationState').filter((s): s is PublicationState =>
      (PUBLICATION_STATES as readonly string[]).includes(s),
    );
    const providers = formList(query, 'provider').slice(0, 50);
    const supportTypes = formList(query, 'supportType').slice(0, 50);
    const outdated = query.outdated === 'true';
    const pendingUpdate = query.pendingUpdate === 'true';
    const page = positiveInt(formText(query, 'page'), 1);
    const now = this.clock.now();
    const maxAgeDays = this.config.catalogue.sourceMaxAgeDays;
    const [result, organisations, taxonomy] = await Promise.all([
      this.programmes.listForAdmin(
        {
          q: q || undefined,
          provider: providers,
          publicationState: states,
          facets: { supportType: supportTypes },
          sourcesOlderThan: outdated ? sourcesOutdatedBefore(now, maxAgeDays) : undefined,
          pendingSuggestion: pendingUpdate || undefined,
        },
        { page, perPage: PER_PAGE },
      ),
      this.organisations.list(),
      this.taxonomy.getAll(),
    ]);
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    for (const s of states) params.append('publicationState', s);
    for (const p of providers) params.append('provider', p);
    for (const s of supportTypes) params.append('supportType', s);
    if (outdated) params.set('outdated', 'true');
    if (pendingUpdate) params.set('pendingUpdate', 'true');
    const labels = labelsOf(taxonomy);
    return adminPage('programmes.njk', admin, {
      section: 'programmes',
      notice: noticeOf(query.done),
      filters: { q, states, providers, supportTypes, outdated, pendingUpdate },
      maxAgeDays,
      publicationStates: PUBLICATION_STATES,
      organisations,
      supportTypeOptions: taxonomy.facets
        .find((f) => f.facet === 'support_type')!
        .terms.map((t) => ({ code: t.code, label: t.label.en ?? t.label.ru })),
      items: result.items.map((p) => ({
        id: p.id,
        slug: p.slug,
        title: p.title.ru,
        provider: p.provider.name.en ?? p.provider.name.ru,
        state: p.publicationState,
        status: p.timing.status,
        supportTypes: p.supportTypes.map((c) => labels('support_type', c)).join(', '),
        newestSourceOn: p.curation.newestSourceOn,
        lastCheckedOn: p.curation.lastCheckedOn,
        outdated: possiblyOutdated(p.curation.newestSourceOn, now, maxAgeDays),
        updatedAt: p.updatedAt.slice(0, 16).replace('T', ' '),
      })),
      total: result.total,
      page,
      pages: Math.max(1, Math.ceil(result.total / PER_PAGE)),
      pageUrl: `/admin/programmes?${params.toString()}${params.size ? '&' : ''}`,
    });
  }

  @Get('new')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async newForm(@Admin() admin: AdminContext): Promise<string> {
    return this.renderForm(admin, null, EMPTY_RECORD, {});
  }

  @Post('new')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async create(@Admin() admin: AdminContext, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const record = recordFromForm(body);
    const { dto, problems } = await toProgrammeInput(record as unknown as Record<string, unknown>);
    if (!problems.length) {
      try {
        const created = await this.programmes.create(dto, actorOf(admin, req));
        return seeOther(res, `/admin/programmes/${created.id}?done=created`);
      } catch (error) {
        if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
        problems.push(...problemsOf(error));
      }
    }
    res.status(400);
    showPage(res, await this.renderForm(admin, null, record, errorsByField(problems)));
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async editForm(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Query('done') done?: string): Promise<string> {
    const programme = await this.programmes.getForAdmin(id);
    return this.renderForm(admin, programme, editable(toRecord(programme)), {}, noticeOf(done));
  }

  /** A save carries the version the form was loaded at; a newer saved version leads to the conflict page, never an overwrite. */
  @Post(':id')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async save(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const version = positiveInt(formText(body, 'version'), -1);
    const mine = recordFromForm(body);
    const current = await this.programmes.getForAdmin(id);
    if (current.version !== version) return answer(res, await this.conflict(admin, current, version, mine, res));
    answer(res, await this.saveRecord(admin, req, res, current, mine));
  }

  /** The conflict page's answer: the editor's record merged with the newer one by their choices. */
  @Post(':id/merge')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async merge(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const baseVersion = positiveInt(formText(body, 'baseVersion'), 0);
    const theirsVersion = positiveInt(formText(body, 'theirsVersion'), 0);
    const damaged = () => new DomainError('invalid', 'MERGE.UNREADABLE', 'The merge form was damaged; go back and save your edit again');
    let mine: EditableRecord;
    try {
      mine = JSON.parse(formText(body, 'mine')) as EditableRecord;
    } catch {
      throw damaged();
    }
    if (misshapenFields(mine).length) throw damaged();
    const choices: Record<string, Side> = {};
    for (const [name, value] of Object.entries(body)) {
      if (name.startsWith('choice.') && (value === 'mine' || value === 'theirs')) choices[name.slice('choice.'.length)] = value;
    }
    const [current, base, theirs] = await Promise.all([
      this.programmes.getForAdmin(id),
      this.snapshot(id, baseVersion),
      this.snapshot(id, theirsVersion),
    ]);
    const outcome = mergeRecords(base, mine, theirs, choices);
    const unresolved = outcome.conflicts.filter((f) => !choices[f.path]);
    if (unresolved.length) {
      const missing = `Choose a version for: ${unresolved.map((f) => f.label).join(', ')}.`;
      return answer(res, await this.conflict(admin, current, baseVersion, mine, res, choices, missing));
    }
    // someone saved again while the editor was merging: merge once more, from what they merged against
    if (current.version !== theirsVersion) return answer(res, await this.conflict(admin, current, theirsVersion, outcome.merged, res));
    answer(res, await this.saveRecord(admin, req, res, current, outcome.merged));
  }

  /** A move refused for what the entry lacks (publishing with no source or step) shows the form with the errors beside those fields. */
  @Post(':id/state')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async transition(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const action = formText(body, 'action') as ProgrammeTransition;
    if (!ACTIONS.includes(action)) {
      throw new DomainError('invalid', 'VALIDATION_FAILED', 'Unknown action', [
        { field: 'action', messages: [`must be one of ${ACTIONS.join(', ')}`] },
      ]);
    }
    try {
      await this.programmes.transition(id, formVersion(body), action, actorOf(admin, req));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      const programme = await this.programmes.getForAdmin(id);
      res.status(400);
      return showPage(res, await this.renderForm(admin, programme, editable(toRecord(programme)), errorsByField(problemsOf(error))));
    }
    seeOther(res, `/admin/programmes/${id}?done=${TRANSITIONS[action].verb}`);
  }

  /** Saves the shipped catalogue's newer release over the entry (a normal version-checked save). */
  @Post(':id/updates/:suggestionId/apply')
  async applySuggestedUpdate(
    @Admin() admin: AdminContext,
    @Param() { id, suggestionId }: SuggestionParams,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.suggestedUpdates.apply(id, suggestionId, formVersion(body), actorOf(admin, req));
    seeOther(res, `/admin/programmes/${id}?done=update-applied`);
  }

  @Post(':id/updates/:suggestionId/dismiss')
  async dismissSuggestedUpdate(
    @Admin() admin: AdminContext,
    @Param() { id, suggestionId }: SuggestionParams,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.suggestedUpdates.dismiss(id, suggestionId, actorOf(admin, req));
    seeOther(res, `/admin/programmes/${id}?done=update-dismissed`);
  }

  @Post(':id/delete')
  @AdminRoles('admin')
  async remove(
    @Admin() admin: AdminContext,
    @Param() { id }: IdParam,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.remove(id, formVersion(body), actorOf(admin, req));
    seeOther(res, '/admin/programmes?done=deleted');
  }

  /** The public page as it would look, drafts included; never cached or indexed. */
  @Get(':id/preview')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('X-Robots-Tag', 'noindex')
  async preview(@Param() { id }: IdParam, @Query('lang') lang?: string): Promise<string> {
    const l = lang === 'en' ? 'en' : 'ru';
    const [programme, terms] = await Promise.all([this.programmes.getForAdmin(id), this.vocabulary.terms()]);
    const p = programmePage(programme, terms, [], l, this.clock.now(), this.urls, this.config.catalogue.sourceMaxAgeDays);
    return render('programme.njk', {
      lang: l,
      p,
      preview: { id, state: programme.publicationState },
      languageUrl: `/admin/programmes/${id}/preview${l === 'ru' ? '?lang=en' : ''}`,
    });
  }

  @Get(':id/history')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async history(@Admin() admin: AdminContext, @Param() { id }: IdParam, @Query() query: FormBody): Promise<string> {
    const [programme, revisions, taxonomy] = await Promise.all([
      this.programmes.getForAdmin(id),
      this.programmes.listRevisions(id),
      this.taxonomy.getAll(),
    ]);
    const newest = revisions[0].version;
    const to = positiveInt(formText(query, 'to'), newest);
    const from = positiveInt(formText(query, 'from'), Math.max(1, to - 1));
    const a = revisions.find((r) => r.version === from);
    const b = revisions.find((r) => r.version === to);
    const diff = a && b ? diffRecords(toRecord(a.snapshot!), toRecord(b.snapshot!), labelsOf(taxonomy)) : null;
    return adminPage('history.njk', admin, {
      section: 'programmes',
      notice: noticeOf(query.done),
      programme: { id, title: programme.title.ru, version: programme.version, state: programme.publicationState },
      revisions: revisions.map((r) => ({ ...r, at: r.createdAt.slice(0, 19).replace('T', ' ') })),
      from,
      to,
      diff,
      missing: !a || !b,
    });
  }

  /** An old revision's content saved as a new change (its publication state is left as it is now). */
  @Post(':id/history/:version/restore')
  async revert(
    @Admin() admin: AdminContext,
    @Param() { id, version }: RevisionParams,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const saved = await this.revisions.restore(id, Number(version), formVersion(body), actorOf(admin, req));
    seeOther(res, `/admin/programmes/${saved.id}/history?done=reverted`);
  }

  private snapshot(id: string, version: number): Promise<EditableRecord> {
    return this.revisions.content(id, version);
  }

  /** Saves the fields the editor changed; the others keep their stored value exactly (to the millisecond, in their order). */
  private async saveRecord(
    admin: AdminContext,
    req: Request,
    res: Response,
    current: ProgrammeView,
    record: EditableRecord,
  ): Promise<Outcome> {
    const stored = editable(toRecord(current));
    if (changedFields(stored, record).length === 0) return { seeOther: `/admin/programmes/${current.id}?done=unchanged` };
    const { dto, problems } = await toProgrammeInput(mergeRecords(stored, record, stored).merged as unknown as Record<string, unknown>);
    if (!problems.length) {
      try {
        await this.programmes.update(current.id, exactVersion(current.version), dto, actorOf(admin, req));
        return { seeOther: `/admin/programmes/${current.id}?done=saved` };
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'precondition_failed') {
          return this.conflict(admin, await this.programmes.getForAdmin(current.id), current.version, record, res);
        }
        if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
        problems.push(...problemsOf(error));
      }
    }
    res.status(400);
    return this.renderForm(admin, current, record, errorsByField(problems));
  }

  private async conflict(
    admin: AdminContext,
    current: ProgrammeView,
    baseVersion: number,
    mine: EditableRecord,
    res: Response,
    choices: Record<string, Side> = {},
    error?: string,
  ): Promise<string> {
    const theirs = editable(toRecord(current));
    const [base, taxonomy, revisions] = await Promise.all([
      this.snapshot(current.id, baseVersion),
      this.taxonomy.getAll(),
      this.programmes.listRevisions(current.id),
    ]);
    const labels = labelsOf(taxonomy);
    const outcome = mergeRecords(base, mine, theirs, choices);
    const show = (f: (typeof outcome.conflicts)[number]) => ({
      path: f.path,
      label: f.label,
      mine: displayValue(f, mine, labels),
      theirs: displayValue(f, theirs, labels),
      choice: choices[f.path] ?? null,
    });
    res.status(409);
    return adminPage('conflict.njk', admin, {
      section: 'programmes',
      programme: { id: current.id, title: current.title.ru },
      baseVersion,
      theirsVersion: current.version,
      changedBy: revisions
        .filter((r) => r.version > baseVersion)
        .map((r) => ({ version: r.version, actor: r.actor.label, at: r.createdAt.slice(0, 19).replace('T', ' '), action: r.action })),
      conflicts: outcome.conflicts.map(show),
      mineOnly: outcome.mineOnly.map(show),
      theirsOnly: outcome.theirsOnly.map(show),
      mine: JSON.stringify(mine),
      error,
    });
  }

  private async renderForm(
    admin: AdminContext,
    programme: ProgrammeView | null,
    record: EditableRecord,
    errors: Record<string, string[]>,
    notice: string | null = null,
  ): Promise<string> {
    const [taxonomy, organisations, suggestions] = await Promise.all([
      this.taxonomy.getAll(),
      this.organisations.list(),
      programme ? this.suggestedUpdates.listPending(programme.id) : Promise.resolve([]),
    ]);
    const options = Object.fromEntries(
      taxonomy.facets.map((f) => [
        f.facet,
        f.terms.map((t) => ({ code: t.code, label: t.label.en ? `${t.label.ru} / ${t.label.en}` : t.label.ru })),
      ]),
    );
    const pad = <T>(rows: T[], blank: T): T[] => [...rows, ...Array.from({ length: SPARE_ROWS }, () => blank)];
    return adminPage('programme-form.njk', admin, {
      section: 'programmes',
      notice,
      programme: programme && {
        id: programme.id,
        slug: programme.slug,
        version: programme.version,
        state: programme.publicationState,
        status: programme.timing.status,
        updatedAt: programme.updatedAt.slice(0, 19).replace('T', ' '),
        actions: transitionsFrom(programme.publicationState),
      },
      r: record,
      suggestions,
      errors,
      errorList: Object.entries(errors).map(([field, messages]) => ({ field, messages })),
      facets: FACETS.map((f) => ({ field: f.field, facet: f.facet, options: options[f.facet] })),
      criteriaFacets: [
        { field: 'applicantTypes', label: 'Applicant types', options: options.applicant_type },
        { field: 'sizes', label: 'Sizes', options: options.size },
        { field: 'industries', label: 'Industries', options: options.industry },
        { field: 'territories', label: 'Territories', options: options.territory },
      ],
      statusOptions: REQUIRED_STATUSES.map((s) => ({ code: s, label: REQUIRED_STATUS_LABELS[s].en })),
      organisations,
      taxRows: pad(record.benefit.taxReductions as unknown[], { tax: '', fromPercent: null, toPercent: null, years: null }),
      documentRows: pad(record.application.requiredDocuments as unknown[], { ru: '', en: null }),
      stepRows: pad(
        record.application.steps.map((st) => ({ ru: st.text.ru, en: st.text.en, url: st.url })),
        { ru: '', en: null, url: null },
      ),
      sourceRows: pad(
        record.curation.sources.map((src) => ({
          key: src.key,
          publisher: src.publisher,
          titleRu: src.title.ru,
          titleEn: src.title.en,
          url: src.url,
          publishedOn: src.publishedOn,
          checkedOn: src.checkedOn,
        })),
        {
          key: '',
          publisher: '',
          titleRu: '',
          titleEn: null as string | null,
          url: null as string | null,
          publishedOn: null as string | null,
          checkedOn: null as string | null,
        },
      ),
      factRows: pad(
        record.keyFacts.map((f) => ({
          group: f.group as string,
          labelRu: f.label.ru,
          labelEn: f.label.en,
          valueRu: f.value.ru,
          valueEn: f.value.en,
          number: f.number,
          unit: f.unit as string | null,
          asOf: f.asOf,
          source: f.source,
        })),
        { group: 'benefit', labelRu: '', labelEn: null, valueRu: '', valueEn: null, number: null, unit: null, asOf: null, source: '' },
      ),
      maxAgeDays: this.config.catalogue.sourceMaxAgeDays,
      factGroups: KEY_FACT_GROUPS,
      factUnits: KEY_FACT_UNITS,
      dates: {
        opensAt: toMoscowInput(record.timing.opensAt),
        closesAt: toMoscowInput(record.timing.closesAt),
      },
    });
  }
}
