import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { DataSource, EntityManager } from 'typeorm';
import { moscowDay, ProgrammesService, UpdateProgrammeDto, type Actor, type ProgrammeSource, type ProgrammeView } from '@app/catalogue';
import { Clock, DomainError, type ExpectedVersion, validationFailed } from '@app/common';
import { AppConfig } from '@app/config';
import { AuditService, type AuditActor } from '@app/identity';
import { movedTo } from './assess';
import { diffTexts, type TextDiff } from './text-diff';
import type { PageState, WatchItemView, WatchKind } from './source-watch.types';

/** The programmes the watch reads pages for: not deleted, not archived. */
const LIVE = `p.deleted_at IS NULL AND p.publication_state <> 'archived'`;
/** A pending item counts while its programme still cites its address. */
const STILL_CITED = `EXISTS (SELECT 1 FROM jsonb_array_elements(p.sources) s WHERE s->>'url' = i.url)`;

interface ItemRow {
  id: string;
  programmeId: string;
  url: string;
  kind: WatchKind;
  firstDetectedAt: Date;
  detectedAt: Date;
  beforeStatus: number | null;
  beforeFinalUrl: string | null;
  beforeTitle: string | null;
  diff: TextDiff | null;
  httpStatus: number | null;
  finalUrl: string | null;
  pageTitle: string | null;
  error: string | null;
  checkedAt: Date | null;
  failures: number | null;
}

const ITEM_COLUMNS = `i.id, i.programme_id AS "programmeId", i.url, i.kind, i.first_detected_at AS "firstDetectedAt", i.detected_at AS "detectedAt",
  i.before_status AS "beforeStatus", i.before_final_url AS "beforeFinalUrl", i.before_title AS "beforeTitle", i.diff,
  w.http_status AS "httpStatus", w.final_url AS "finalUrl", w.page_title AS "pageTitle", w.error, w.checked_at AS "checkedAt", w.failures`;

/** A programme in the queue, with what happened to each page it cites that changed, moved or vanished. */
export interface WatchQueueEntry {
  programme: { id: string; slug: string; title: { ru: string; en: string | null }; version: number; publicationState: string };
  items: WatchItemView[];
}

/** One source of an entry, with the watch's latest reading of its page. */
export interface WatchedSourceView {
  key: string;
  title: { ru: string; en: string | null };
  publisher: string;
  url: string | null;
  publishedOn: string | null;
  checkedOn: string | null;
  reading: {
    checkedAt: string | null;
    status: number | null;
    finalUrl: string | null;
    movedTo: string | null;
    title: string | null;
    error: string | null;
    vanished: boolean;
  } | null;
}

export interface WatchSummary {
  enabled: boolean;
  intervalMinutes: number;
  batch: number;
  hostDelayMs: number;
  recheckHours: number;
  /** Distinct addresses cited by live entries that the watch knows of. */
  addresses: number;
  /** Of those, never read yet, and read with a failure or a missing page last time. */
  neverRead: number;
  failing: number;
  lastReadAt: string | null;
  /** Entries with something waiting for an editor. */
  entriesWaiting: number;
}

export interface ConfirmResult {
  programme: ProgrammeView;
  /** The sources whose `checkedOn` is now today. */
  confirmed: string[];
  /** Queue items this resolved. */
  resolved: number;
}

const itemNotFound = (id: string) => new DomainError('not_found', 'SOURCE_WATCH_ITEM.NOT_FOUND', `No pending source-watch item ${id}`);

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * The editors' queue of the source watch: entries whose pages changed, moved or vanished, with what
 * changed. Confirming an entry against its pages sets those sources' `checkedOn` to today (Moscow)
 * through the normal, version-checked programme update (a revision), and resolves their items;
 * an item can also be dismissed without confirming.
 */
@Injectable()
export class SourceWatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Puts the page's news in front of every live entry that cites it: a new pending item keeps the page
   * as it was (`before`); an item still pending takes the new kind and a diff from what it kept.
   * Returns how many items were written.
   */
  async raise(url: string, kind: WatchKind, before: PageState, now: PageState | null, outer?: EntityManager): Promise<number> {
    const inTransaction = <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> =>
      outer ? work(outer) : this.dataSource.transaction(work);
    return inTransaction(async (tx) => {
      const citing = await tx.query<{ id: string }[]>(`SELECT p.id FROM programme p WHERE ${LIVE} AND p.sources @> $1::jsonb`, [
        JSON.stringify([{ url }]),
      ]);
      const diffs = new Map<string, TextDiff | null>();
      const diffFrom = (text: string | null): TextDiff | null => {
        if (text === null || now?.text === null || now?.text === undefined) return null;
        if (!diffs.has(text)) diffs.set(text, diffTexts(text, now.text));
        return diffs.get(text)!;
      };
      let written = 0;
      for (const { id } of citing) {
        const [pending] = await tx.query<{ id: string; beforeText: string | null }[]>(
          `SELECT id, before_text AS "beforeText" FROM source_watch_item WHERE programme_id = $1 AND url = $2 AND resolved_at IS NULL FOR UPDATE`,
          [id, url],
        );
        if (pending) {
          const diff = diffFrom(pending.beforeText);
          await tx.query(`UPDATE source_watch_item SET kind = $2, detected_at = now(), diff = coalesce($3::jsonb, diff) WHERE id = $1`, [
            pending.id,
            kind,
            diff && JSON.stringify(diff),
          ]);
        } else {
          const diff = diffFrom(before.text);
          await tx.query(
            `INSERT INTO source_watch_item (programme_id, url, kind, before_status, before_final_url, before_title, before_text, diff)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (programme_id, url) WHERE resolved_at IS NULL DO NOTHING`,
            [id, url, kind, before.status, before.finalUrl, before.title, before.text, diff && JSON.stringify(diff)],
          );
        }
        written++;
      }
      return written;
    });
  }

  /** Entries with pending items, the most recent news first, `perPage` entries a page. */
  async queue(page: { page: number; perPage: number }): Promise<{ entries: WatchQueueEntry[]; total: number }> {
    const heads = await this.dataSource.query<
      {
        id: string;
        slug: string;
        titleRu: string;
        titleEn: string | null;
        version: number;
        publicationState: string;
        sources: ProgrammeSource[];
        total: string;
      }[]
    >(
      `SELECT p.id, p.slug, p.title_ru AS "titleRu", p.title_en AS "titleEn", p.version, p.publication_state AS "publicationState", p.sources,
              count(*) OVER () AS total
         FROM programme p
         JOIN (SELECT i.programme_id, max(i.detected_at) AS latest FROM source_watch_item i JOIN programme p ON p.id = i.programme_id
                WHERE i.resolved_at IS NULL AND ${LIVE} AND ${STILL_CITED} GROUP BY i.programme_id) q ON q.programme_id = p.id
        ORDER BY q.latest DESC, p.slug
        LIMIT $1 OFFSET $2`,
      [page.perPage, (page.page - 1) * page.perPage],
    );
    if (!heads.length) {
      // a page past the end still says how many there are
      const [{ n }] = await this.dataSource.query<{ n: string }[]>(
        `SELECT count(DISTINCT i.programme_id) AS n FROM source_watch_item i JOIN programme p ON p.id = i.programme_id
          WHERE i.resolved_at IS NULL AND ${LIVE} AND ${STILL_CITED}`,
      );
      return { entries: [], total: Number(n) };
    }
    const items = await this.pendingItems(heads.map((h) => h.id));
    return {
      total: Number(heads[0].total),
      entries: heads.map((h) => ({
        programme: {
          id: h.id,
          slug: h.slug,
          title: { ru: h.titleRu, en: h.titleEn },
          version: h.version,
          publicationState: h.publicationState,
        },
        items: items.filter((i) => i.programmeId === h.id).map((i) => this.itemView(i, h.sources)),
      })),
    };
  }

  /** One entry's sources with the latest reading of each page, and its pending items. */
  async entry(programmeId: string): Promise<{ programme: ProgrammeView; sources: WatchedSourceView[]; items: WatchItemView[] }> {
    const programme = await this.programmes.getForAdmin(programmeId);
    const sources = programme.curation.sources;
    const urls = [...new Set(sources.map((s) => s.url).filter((u): u is string => !!u))];
    const readings = await this.dataSource.query<
      {
        url: string;
        checkedAt: Date | null;
        httpStatus: number | null;
        finalUrl: string | null;
        pageTitle: string | null;
        error: string | null;
        vanished: boolean;
      }[]
    >(
      `SELECT url, checked_at AS "checkedAt", http_status AS "httpStatus", final_url AS "finalUrl", page_title AS "pageTitle", error, vanished
         FROM source_watch WHERE url = ANY($1)`,
      [urls],
    );
    const items = (await this.pendingItems([programmeId])).map((i) => this.itemView(i, sources));
    return {
      programme,
      items,
      sources: sources.map((s) => {
        const r = readings.find((x) => x.url === s.url);
        return {
          key: s.key,
          title: { ru: s.title.ru ?? '', en: s.title.en ?? null },
          publisher: s.publisher,
          url: s.url,
          publishedOn: s.publishedOn,
          checkedOn: s.checkedOn,
          reading: r
            ? {
                checkedAt: iso(r.checkedAt),
                status: r.httpStatus,
                finalUrl: r.finalUrl,
                movedTo: movedTo(r.url, r.finalUrl),
                title: r.pageTitle,
                error: r.error,
                vanished: r.vanished,
              }
            : null,
        };
      }),
    };
  }

  /**
   * Confirms the entry against its pages: `checkedOn` becomes today (Moscow) on the sources named by
   * `keys` (left out: those with pending items, or every source with a link when none is pending),
   * saved as a normal update with the version the editor saw (412 when it is stale), and their
   * pending items are resolved as confirmed.
   */
  async confirm(programmeId: string, expectedVersion: ExpectedVersion, actor: Actor & AuditActor, keys?: string[]): Promise<ConfirmResult> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.programmes.getForAdmin(programmeId);
      const sources = current.curation.sources;
      let chosen: string[];
      if (keys !== undefined) {
        const unknown = keys.filter((k) => !sources.some((s) => s.key === k));
        if (unknown.length) throw validationFailed([{ field: 'sources', messages: [`no source with the key ${unknown.join(', ')}`] }]);
        chosen = [...new Set(keys)];
      } else {
        const pendingUrls = new Set((await this.pendingItems([programmeId], tx)).map((i) => i.url));
        chosen = sources.filter((s) => s.url && (pendingUrls.size === 0 || pendingUrls.has(s.url))).map((s) => s.key);
      }
      if (!chosen.length)
        throw validationFailed([
          { field: 'sources', messages: ['name at least one source to confirm (an entry needs a source with a link)'] },
        ]);
      const today = moscowDay(this.clock.now());
      const input = plainToInstance(UpdateProgrammeDto, {
        curation: { sources: sources.map((s) => (chosen.includes(s.key) ? { ...s, checkedOn: today } : s)) },
      });
      const saved = await this.programmes.update(programmeId, expectedVersion, input, actor, tx);
      const urls = sources.filter((s) => chosen.includes(s.key) && s.url).map((s) => s.url!);
      const resolved = await tx.query<{ id: string }[]>(
        `WITH done AS (UPDATE source_watch_item SET resolved_at = now(), resolution = 'confirmed', resolved_by = $3
                        WHERE programme_id = $1 AND url = ANY($2) AND resolved_at IS NULL RETURNING id) SELECT id FROM done`,
        [programmeId, urls, actor.id],
      );
      await this.audit.record(
        actor,
        'programme.confirm_sources',
        `programme:${saved.slug}`,
        { sources: chosen, checkedOn: today, version: saved.version, resolved: resolved.length },
        tx,
      );
      return { programme: saved, confirmed: chosen, resolved: resolved.length };
    });
  }

  /** Takes an item off the queue without confirming the entry (nothing about the entry changes). */
  async dismiss(itemId: string, actor: AuditActor): Promise<{ programmeId: string }> {
    return this.dataSource.transaction(async (tx) => {
      const [item] = await tx.query<{ programmeId: string; url: string; kind: string }[]>(
        `WITH done AS (UPDATE source_watch_item SET resolved_at = now(), resolution = 'dismissed', resolved_by = $2
                        WHERE id = $1 AND resolved_at IS NULL RETURNING programme_id, url, kind)
         SELECT programme_id AS "programmeId", url, kind FROM done`,
        [itemId, actor.id],
      );
      if (!item) throw itemNotFound(itemId);
      await this.audit.record(
        actor,
        'programme.dismiss_source_change',
        `programme:${item.programmeId}`,
        { url: item.url, kind: item.kind },
        tx,
      );
      return { programmeId: item.programmeId };
    });
  }

  /** How the watch is set up and how far it got. */
  async summary(): Promise<WatchSummary> {
    const s = this.config.worker.sourceWatch;
    const [row] = await this.dataSource.query<
      { addresses: string; neverRead: string; failing: string; lastReadAt: Date | null; entriesWaiting: string }[]
    >(
      `SELECT count(*) AS addresses,
              count(*) FILTER (WHERE checked_at IS NULL) AS "neverRead",
              count(*) FILTER (WHERE vanished OR failures > 0) AS failing,
              max(checked_at) AS "lastReadAt",
              (SELECT count(DISTINCT i.programme_id) FROM source_watch_item i JOIN programme p ON p.id = i.programme_id
                WHERE i.resolved_at IS NULL AND ${LIVE} AND ${STILL_CITED}) AS "entriesWaiting"
         FROM source_watch`,
    );
    return {
      enabled: s.enabled,
      intervalMinutes: s.intervalMinutes,
      batch: s.batch,
      hostDelayMs: s.hostDelayMs,
      recheckHours: s.recheckHours,
      addresses: Number(row.addresses),
      neverRead: Number(row.neverRead),
      failing: Number(row.failing),
      lastReadAt: iso(row.lastReadAt),
      entriesWaiting: Number(row.entriesWaiting),
    };
  }

  private pendingItems(programmeIds: string[], tx?: EntityManager): Promise<ItemRow[]> {
    return (tx ?? this.dataSource.manager).query<ItemRow[]>(
      `SELECT ${ITEM_COLUMNS}
         FROM source_watch_item i JOIN programme p ON p.id = i.programme_id LEFT JOIN source_watch w ON w.url = i.url
        WHERE i.programme_id = ANY($1) AND i.resolved_at IS NULL AND ${STILL_CITED}
        ORDER BY i.detected_at DESC, i.url`,
      [programmeIds],
    );
  }

  private itemView(i: ItemRow, sources: Pick<ProgrammeSource, 'key' | 'url'>[]): WatchItemView {
    return {
      id: i.id,
      url: i.url,
      sourceKeys: sources.filter((s) => s.url === i.url).map((s) => s.key),
      kind: i.kind,
      firstDetectedAt: i.firstDetectedAt.toISOString(),
      detectedAt: i.detectedAt.toISOString(),
      before: { status: i.beforeStatus, finalUrl: i.beforeFinalUrl, title: i.beforeTitle },
      now: {
        status: i.httpStatus,
        finalUrl: i.finalUrl,
        title: i.pageTitle,
        error: i.error,
        checkedAt: iso(i.checkedAt),
        failures: i.failures ?? 0,
      },
      movedTo: movedTo(i.url, i.finalUrl),
      diff: i.diff,
    };
  }
}
