import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  CreateProgrammeDto,
  emptyValues,
  FACETS,
  OrganisationsService,
  SuggestedUpdatesService,
  PUBLICATION_STATES,
  ProgrammeRevisions,
  ProgrammesService,
  REQUIRED_STATUS_LABELS,
  REQUIRED_STATUSES,
  KEY_FACT_GROUPS,
  KEY_FACT_UNITS,
  SOURCE_KINDS,
  AVAILABILITY_KINDS,
  factsAge,
  TaxonomyService,
  TRANSITIONS,
  transitionsFrom,
  toRecord,
  type ProgrammeTransition,
  type ProgrammeView,
  PendingChangesService,
  parseWorkingTag,
  workingTag,
  type WorkingVersion,
  editable,
  type EditableRecord,
  type Side,
} from '@app/catalogue';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { Clock, DomainError } from '@app/common';
import { AppConfig, PublicUrls } from '@app/config';
import { SearchVocabulary } from '@app/search';
import { adminListFilter, AdminProgrammeListQuery } from '../admin/admin-programmes.controller';
import { IdParam } from '../http/params';
import { programmePage } from '../web/programme-page';
import { render } from '../web/web-views';
import { adminPage, answer, errorsByField, noticeOf, problemsOf, seeOther, showPage, type Outcome } from './admin-pages';
import {
  readForm,
  sidesChosen,
  type FormBody,
  validateAs,
  VersionForm,
  WithVersion,
  WithWorkingVersion,
  WorkingVersionForm,
} from './form-input';
import { actorOf, Admin, AdminContext, AdminPages, AdminRoles } from './admin-session';
import { diffRecords, displayValue, labelsOf, misshapenFields, recordFromForm, toMoscowInput } from './programme-form';

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

/** The version an edit form was drawn from (`7` or `p3`); a form without one matches no version. */
const formWorkingVersion = async (body: FormBody): Promise<WorkingVersion> => (await readForm(WorkingVersionForm, body)).version;

/** What an edit form sends besides the record (read by `recordFromForm`): its version, and the English texts confirmed to still fit. */
class SaveForm extends WithWorkingVersion(Object) {
  @IsArray() @IsString({ each: true }) englishChecked: string[];
}

/** The list's filters: the admin API's query, and the notice a redirect names. */
class ProgrammesPageQuery extends AdminProgrammeListQuery {
  @IsOptional() @IsString() done: string | null;
}

class TransitionForm extends WithVersion(Object) {
  @IsIn(ACTIONS) action: ProgrammeTransition;
}

/** Restoring an old revision asks to confirm first. */
class RestoreForm extends WithWorkingVersion(Object) {
  @IsBoolean() confirm: boolean;
}

/** Which two revisions the history compares (the newest and the one before, unless chosen). */
class HistoryQuery {
  @IsOptional() @IsInt() @Min(1) @Max(999_999_999) from?: number;
  @IsOptional() @IsInt() @Min(1) @Max(999_999_999) to?: number;
  @IsOptional() @IsString() done: string | null;
}

const workingTagOf = ({ value }: { value: unknown }): WorkingVersion | null => parseWorkingTag(String(value ?? ''));

/** The conflict page's answer: the versions merged, the editor's record (a hidden copy) and a side per conflicting field. */
class MergeForm {
  @Transform(workingTagOf) @IsOptional() baseVersion: WorkingVersion | null = null;
  @Transform(workingTagOf) @IsOptional() theirsVersion: WorkingVersion | null = null;
  @IsOptional() @IsString() mine: string | null;
  @IsOptional() choice: Record<string, unknown> | null;
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
    const filters = await readForm(ProgrammesPageQuery, query);
    const { page, outdated, needsWork, pendingUpdate, pendingChange } = filters;
    const q = filters.q ?? '';
    const states = filters.publicationState ?? [];
    const providers = filters.provider ?? [];
    const supportTypes = filters.supportType ?? [];
    const now = this.clock.now();
    const maxAgeDays = this.config.catalogue.sourceMaxAgeDays;
    const [result, organisations, taxonomy] = await Promise.all([
      this.programmes.listForAdmin(adminListFilter(filters, now, maxAgeDays), { page, perPage: PER_PAGE }),
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
      notice: noticeOf(filters.done),
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
    try {
      // the API's create body, through the API's pipe
      const created = await this.programmes.create(await validateAs(CreateProgrammeDto, record), actorOf(admin, req));
      return seeOther(res, `/admin/programmes/${created.id}?done=created`);
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
      res.status(400);
      showPage(res, await this.renderForm(admin, null, record, errorsByField(problemsOf(error))));
    }
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
    const { version, englishChecked } = await readForm(SaveForm, { version: body.version, englishChecked: body.englishChecked });
    answer(res, await this.saveRecord(admin, req, res, id, version, recordFromForm(body), englishChecked));
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
    const form = await readForm(MergeForm, body);
    const { baseVersion, theirsVersion } = form;
    if (!baseVersion || !theirsVersion) throw damaged();
    let mine: EditableRecord;
    try {
      mine = JSON.parse(form.mine ?? '') as EditableRecord;
    } catch {
      throw damaged();
    }
    if (misshapenFields(mine).length) throw damaged();
    const choices: Record<string, Side> = sidesChosen(form.choice, ['mine', 'theirs']);
    const merged = await this.pending.resolveMerge(id, baseVersion, theirsVersion, mine, choices);
    if (merged.kind === 'unresolved') {
      const missing = `Choose a version for: ${merged.fields.map((f) => f.label).join(', ')}.`;
      return answer(res, await this.conflict(admin, id, baseVersion, mine, res, choices, missing));
    }
    // someone saved again while the editor was merging: merge once more, from what they merged against
    if (merged.kind === 'conflict') return answer(res, await this.conflict(admin, id, merged.base, merged.mine, res));
    answer(res, await this.saveRecord(admin, req, res, id, merged.version, merged.record, []));
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
    const { action, version } = await readForm(TransitionForm, body);
    try {
      await this.programmes.transition(id, version, action, actorOf(admin, req));
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
    const outcome = await this.suggestedUpdates.apply(id, suggestionId, await formWorkingVersion(body), actorOf(admin, req));
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
    await this.programmes.remove(id, (await readForm(VersionForm, body)).version, actorOf(admin, req));
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
    const chosen = await readForm(HistoryQuery, query);
    const to = chosen.to ?? newest;
    const from = chosen.from ?? Math.max(1, to - 1);
    const a = revisions.find((r) => r.version === from);
    const b = revisions.find((r) => r.version === to);
    const diff = a && b ? diffRecords(toRecord(a.snapshot!), toRecord(b.snapshot!), labelsOf(taxonomy)) : null;
    return adminPage('history.njk', admin, {
      section: 'programmes',
      notice: noticeOf(chosen.done),
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
    const form = await readForm(RestoreForm, body);
    if (!form.confirm) return showPage(res, await this.restorePage(admin, id, Number(version)));
    const outcome = await this.revisions.restore(id, Number(version), form.version, actorOf(admin, req));
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
   * Saves an editor's whole record drawn at `version` (`PendingChangesService.saveRecord` decides what is
   * saved) and answers with the next page: the form, the conflict page when someone saved since, or the
   * form again with the refusal beside its fields. `checked`: texts whose English the editor confirmed.
   */
  private async saveRecord(
    admin: AdminContext,
    req: Request,
    res: Response,
    id: string,
    version: WorkingVersion,
    record: EditableRecord,
    checked: string[],
  ): Promise<Outcome> {
    try {
      const outcome = await this.pending.saveRecord(id, version, record, checked, actorOf(admin, req));
      if (outcome.kind === 'conflict') return this.conflict(admin, id, outcome.base, outcome.mine, res);
      if (outcome.kind === 'unchanged') return { seeOther: `/admin/programmes/${id}?done=unchanged` };
      return { seeOther: `/admin/programmes/${id}?done=${outcome.outcome.kind === 'pending' ? 'pending-saved' : 'saved'}` };
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'conflict'].includes(error.kind)) throw error;
      res.status(400);
      return this.renderForm(admin, await this.programmes.getForAdmin(id), record, errorsByField(problemsOf(error)), null, version);
    }
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
    const [{ theirsVersion, theirs, outcome }, programme, taxonomy, revisions, change] = await Promise.all([
      this.pending.mergeWith(id, baseVersion, mine, choices),
      this.programmes.getForAdmin(id),
      this.taxonomy.getAll(),
      this.programmes.listRevisions(id),
      this.pending.summary(id),
    ]);
    const labels = labelsOf(taxonomy);
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
    // the English inputs whose Russian changed after them, by input name (inputs are named by the record's paths)
    const staleEn = Object.fromEntries(stale.map((m) => [`${m.path}.en`, m.path]));
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
      stepRows: pad(record.application.steps as unknown[], { text: { ru: '', en: null }, url: null }),
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
      sourceRows: pad(record.curation.sources as unknown[], {
        key: '',
        title: { ru: '', en: null },
        url: null,
        publisher: '',
        kind: 'official',
        publishedOn: null,
        checkedOn: null,
      }),
      factRows: pad(record.keyFacts as unknown[], {
        group: 'benefit',
        label: { ru: '', en: null },
        value: { ru: '', en: null },
        number: null,
        unit: null,
        asOf: null,
        validUntil: null,
        termsYear: null,
        source: '',
      }),
      maxAgeDays: this.config.catalogue.sourceMaxAgeDays,
      factGroups: KEY_FACT_GROUPS,
      factUnits: KEY_FACT_UNITS,
    });
  }
}
