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
  SOURCE_KINDS,
  AVAILABILITY_KINDS,
  factsAge,
  moscowDay,
  TaxonomyService,
  TRANSITIONS,
  transitionsFrom,
  toProgrammeInput,
  toRecord,
  type ProgrammeTransition,
  type ProgrammeView,
  type PublicationState,
  PendingChangesService,
  parseWorkingTag,
  workingTag,
  localisedPairs,
  type StaleEnglish,
  type WorkingVersion,
} from '@app/catalogue';
import { IsUUID, Matches } from 'class-validator';
import { Clock, DomainError } from '@app/common';
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

/** The version an edit form was drawn from (`7` or `p3`); a form without one matches no version. */
const formWorkingVersion = (body: FormBody): WorkingVersion => parseWorkingTag(formText(body, 'version')) ?? { kind: 'live', version: -1 };

/**
 * The English input of a localised text in the edit form: `title.en`, but `keyFacts.2.valueEn`,
 * `curation.sources.0.titleEn`, `application.steps.1.en` in the rows.
 */
export function englishInputOf(path: string): string {
  const row = /^(keyFacts|curation\.sources)\.(\d+)\.(label|value|title)$/.exec(path);
  if (row) return `${row[1]}.${row[2]}.${row[3]}En`;
  const step = /^(application\.steps\.\d+)\.text$/.exec(path);
  if (step) return `${step[1]}.en`;
  return `${path}.en`;
}

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
    private readonly pending: PendingChangesService,
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
    const needsWork = query.needsWork === 'true';
    const pendingUpdate = query.pendingUpdate === 'true';
    const pendingChange = query.pendingChange === 'true';
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
          factsOlderThan: outdated ? { day: sourcesOutdatedBefore(now, maxAgeDays), today: moscowDay(now) } : undefined,
          breaksPublishingRules: needsWork || undefined,
          pendingSuggestion: pendingUpdate || undefined,
          pendingChange: pendingChange || undefined,
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
    if (needsWork) params.set('needsWork', 'true');
    if (pendingUpdate) params.set('pendingUpdate', 'true');
    if (pendingChange) params.set('pendingChange', 'true');
    const labels = labelsOf(taxonomy);
    const withPending = await this.programmes.withOpenPendingChange(result.items.map((p) => p.id));
    return adminPage('programmes.njk', admin, {
      section: 'programmes',
      notice: noticeOf(query.done),
      filters: { q, states, providers, supportTypes, outdated, needsWork, pendingUpdate, pendingChange },
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
        facts: factsAge(p.keyFacts, p.curation.sources, now, maxAgeDays),
        problems: p.curation.problems.length,
        pendingChange: withPending.has(p.id),
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
    // a published entry with a pending change is edited as that change
    const version = await this.pending.workingVersion(id);
    const record = version.kind === 'pending' ? await this.pending.content(id, version) : editable(toRecord(programme));
    return this.renderForm(admin, programme, record, {}, noticeOf(done), version);
  }

  /**
   * A save carries the version the form was loaded at (the entry's, or its pending change's); a newer
   * saved version leads to the conflict page, never an overwrite. A published entry's save becomes
   * (or adds to) its pending change: the public page keeps the published version.
   */
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
    const version = formWorkingVersion(body);
    const mine = recordFromForm(body);
    const current = await this.pending.workingVersion(id);
    if (workingTag(current) !== workingTag(version)) return answer(res, await this.conflict(admin, id, version, mine, res));
    answer(res, await this.saveRecord(admin, req, res, id, current, mine, formList(body, 'englishChecked')));
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
    const damaged = () => new DomainError('invalid', 'MERGE.UNREADABLE', 'The merge form was damaged; go back and save your edit again');
    const baseVersion = parseWorkingTag(formText(body, 'baseVersion'));
    const theirsVersion = parseWorkingTag(formText(body, 'theirsVersion'));
    if (!baseVersion || !theirsVersion) throw damaged();
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
      this.pending.workingVersion(id),
      this.pending.content(id, baseVersion),
      this.pending.content(id, theirsVersion),
    ]);
    const outcome = mergeRecords(base, mine, theirs, choices);
    const unresolved = outcome.conflicts.filter((f) => !choices[f.path]);
    if (unresolved.length) {
      const missing = `Choose a version for: ${unresolved.map((f) => f.label).join(', ')}.`;
      return answer(res, await this.conflict(admin, id, baseVersion, mine, res, choices, missing));
    }
    // someone saved again while the editor was merging: merge once more, from what they merged against
    if (workingTag(current) !== workingTag(theirsVersion))
      return answer(res, await this.conflict(admin, id, theirsVersion, outcome.merged, res));
    answer(res, await this.saveRecord(admin, req, res, id, current, outcome.merged, []));
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

  /** Saves the shipped file's newer content over the entry (a normal version-checked save). */
  @Post(':id/updates/:suggestionId/apply')
  async applySuggestedUpdate(
    @Admin() admin: AdminContext,
    @Param() { id, suggestionId }: SuggestionParams,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.suggestedUpdates.apply(id, suggestionId, formWorkingVersion(body), actorOf(admin, req));
    seeOther(res, `/admin/programmes/${id}?done=${outcome.kind === 'pending' ? 'update-pending' : 'update-applied'}`);
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
    const [live, change, terms] = await Promise.all([this.programmes.getForAdmin(id), this.pending.find(id), this.vocabulary.terms()]);
    // a published entry's pending change is shown as publishing would make it
    const programme = change?.programme ?? live;
    const state = change?.programme ? `pending change ${change.etag}, not public yet` : live.publicationState;
    const p = programmePage(programme, terms, [], l, this.clock.now(), this.urls, this.config.catalogue.sourceMaxAgeDays);
    return render('programme.njk', {
      lang: l,
      p,
      preview: { id, state },
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
      pendingChange: await this.pending.summary(id),
      revisions: revisions.map((r) => ({ ...r, at: r.createdAt.slice(0, 19).replace('T', ' ') })),
      from,
      to,
      diff,
      missing: !a || !b,
    });
  }

  /**
   * Restoring asks first: what the old revision would change in what is edited now, and where it goes
   * (a published entry's pending change, never live in one click). Works without JavaScript.
   */
  @Get(':id/history/:version/restore')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async confirmRevert(@Admin() admin: AdminContext, @Param() { id, version }: RevisionParams): Promise<string> {
    return this.restorePage(admin, id, Number(version));
  }

  /** An old revision's content saved as a new change (its publication state is left as it is now), once confirmed. */
  @Post(':id/history/:version/restore')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async revert(
    @Admin() admin: AdminContext,
    @Param() { id, version }: RevisionParams,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (formText(body, 'confirm') !== 'yes') return showPage(res, await this.restorePage(admin, id, Number(version)));
    const outcome = await this.revisions.restore(id, Number(version), formWorkingVersion(body), actorOf(admin, req));
    seeOther(
      res,
      outcome.kind === 'pending'
        ? `/admin/programmes/${id}/pending?done=reverted-pending`
        : `/admin/programmes/${id}/history?done=reverted`,
    );
  }

  private async restorePage(admin: AdminContext, id: string, version: number): Promise<string> {
    const [programme, working, current, old, taxonomy] = await Promise.all([
      this.programmes.getForAdmin(id),
      this.pending.working(id),
      this.pending.workingVersion(id),
      this.revisions.content(id, version),
      this.taxonomy.getAll(),
    ]);
    return adminPage('restore.njk', admin, {
      section: 'programmes',
      programme: { id, title: programme.title.ru, state: programme.publicationState },
      version,
      workingVersion: workingTag(current),
      pending: current.kind === 'pending',
      diff: diffRecords(working, old, labelsOf(taxonomy)),
    });
  }

  /**
   * Saves the fields the editor changed; the others keep their stored value exactly (to the millisecond,
   * in their order). `checked`: texts whose English the editor confirmed still fits the changed Russian.
   */
  private async saveRecord(
    admin: AdminContext,
    req: Request,
    res: Response,
    id: string,
    current: WorkingVersion,
    record: EditableRecord,
    checked: string[],
  ): Promise<Outcome> {
    const stored = await this.pending.content(id, current);
    if (changedFields(stored, record).length === 0 && !checked.length) return { seeOther: `/admin/programmes/${id}?done=unchanged` };
    const pairs = localisedPairs(record);
    const englishChecked = checked.flatMap((path): StaleEnglish[] => {
      const pair = pairs.get(path);
      return pair?.en ? [{ path, ru: pair.ru, en: pair.en }] : [];
    });
    const { dto, problems } = await toProgrammeInput(mergeRecords(stored, record, stored).merged as unknown as Record<string, unknown>);
    if (!problems.length) {
      try {
        const outcome = await this.pending.edit(id, current, dto, actorOf(admin, req), { englishChecked });
        return { seeOther: `/admin/programmes/${id}?done=${outcome.kind === 'pending' ? 'pending-saved' : 'saved'}` };
      } catch (error) {
        if (error instanceof DomainError && (error.kind === 'precondition_failed' || error.code === 'PENDING_CHANGE.OPEN')) {
          return this.conflict(admin, id, current, record, res);
        }
        if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
        problems.push(...problemsOf(error));
      }
    }
    res.status(400);
    return this.renderForm(admin, await this.programmes.getForAdmin(id), record, errorsByField(problems), null, current);
  }

  private async conflict(
    admin: AdminContext,
    id: string,
    baseVersion: WorkingVersion,
    mine: EditableRecord,
    res: Response,
    choices: Record<string, Side> = {},
    error?: string,
  ): Promise<string> {
    const theirsVersion = await this.pending.workingVersion(id);
    const [programme, theirs, base, taxonomy, revisions, change] = await Promise.all([
      this.programmes.getForAdmin(id),
      this.pending.content(id, theirsVersion),
      this.pending.content(id, baseVersion),
      this.taxonomy.getAll(),
      this.programmes.listRevisions(id),
      this.pending.summary(id),
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
    const changedBy =
      theirsVersion.kind === 'pending' && change
        ? [{ version: change.etag, actor: change.updatedBy, at: change.updatedAt.slice(0, 19).replace('T', ' '), action: 'pending change' }]
        : revisions
            .filter((r) => baseVersion.kind !== 'live' || r.version > baseVersion.version)
            .slice(0, baseVersion.kind === 'live' ? undefined : 1)
            .map((r) => ({ version: r.version, actor: r.actor.label, at: r.createdAt.slice(0, 19).replace('T', ' '), action: r.action }));
    res.status(409);
    return adminPage('conflict.njk', admin, {
      section: 'programmes',
      programme: { id, title: programme.title.ru },
      baseVersion: workingTag(baseVersion),
      theirsVersion: workingTag(theirsVersion),
      theirsPending: theirsVersion.kind === 'pending',
      changedBy,
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
    version?: WorkingVersion,
  ): Promise<string> {
    const [taxonomy, organisations, suggestions, working, change, stale] = await Promise.all([
      this.taxonomy.getAll(),
      this.organisations.list(),
      programme ? this.suggestedUpdates.listPending(programme.id) : Promise.resolve([]),
      programme && !version ? this.pending.workingVersion(programme.id) : Promise.resolve(version),
      programme ? this.pending.summary(programme.id) : Promise.resolve(null),
      programme ? this.pending.workingStaleEnglish(programme.id) : Promise.resolve([]),
    ]);
    // the English inputs whose Russian changed after them, by input name
    const staleEn = Object.fromEntries(stale.map((m) => [englishInputOf(m.path), m.path]));
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
        problems: programme.curation.problems,
        updatedAt: programme.updatedAt.slice(0, 19).replace('T', ' '),
        actions: transitionsFrom(programme.publicationState),
        workingVersion: working ? workingTag(working) : String(programme.version),
        pendingChange: change && {
          ...change,
          updatedAt: change.updatedAt.slice(0, 19).replace('T', ' '),
          authors: change.authors.map((a) => a.label).join(', '),
        },
      },
      staleEn,
      staleCount: stale.length,
      reviewRequired: this.pending.reviewRequired,
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
      sourceKinds: SOURCE_KINDS,
      availabilityKinds: AVAILABILITY_KINDS,
      availability: {
        kind: record.timing.availability.kind,
        source: record.timing.availability.source,
        asOf: record.timing.availability.asOf,
        note: record.timing.availability.note,
      },
      roundRows: pad(
        record.timing.availability.rounds.map((r) => ({
          opensAt: toMoscowInput(r.opensAt),
          closesAt: toMoscowInput(r.closesAt),
          source: r.source,
        })),
        { opensAt: '', closesAt: '', source: null as string | null },
      ),
      checkRows: pad(record.eligibility.checks as unknown[], { ru: '', en: null }),
      sourceRows: pad(
        record.curation.sources.map((src) => ({
          key: src.key,
          publisher: src.publisher,
          kind: src.kind as string,
          titleRu: src.title.ru,
          titleEn: src.title.en,
          url: src.url,
          publishedOn: src.publishedOn,
          checkedOn: src.checkedOn,
        })),
        {
          key: '',
          publisher: '',
          kind: 'official',
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
          validUntil: f.validUntil,
          termsYear: f.termsYear,
          source: f.source,
        })),
        {
          group: 'benefit',
          labelRu: '',
          labelEn: null,
          valueRu: '',
          valueEn: null,
          number: null,
          unit: null,
          asOf: null,
          validUntil: null as string | null,
          termsYear: null as number | null,
          source: '',
        },
      ),
      maxAgeDays: this.config.catalogue.sourceMaxAgeDays,
      factGroups: KEY_FACT_GROUPS,
      factUnits: KEY_FACT_UNITS,
    });
  }
}
