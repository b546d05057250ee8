import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import type { ProgrammeView } from '../programmes/dto/programme-view.dto';
import { publicSnapshotView, readSnapshot } from '../programmes/programme-snapshot';

export const CHANGE_TYPES = ['created', 'updated', 'unpublished', 'archived', 'deleted'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ChangeEvent {
  /** Resume after this event with `since=<cursor>`. */
  cursor: string;
  type: ChangeType;
  /** The programme's stable id: key a copy by it (slugs can change). */
  id: string;
  slug: string;
  /** For `updated`: the slug the programme had before, when this change renamed it. */
  previousSlug?: string;
  /** The programme's version after the change. */
  version: number;
  at: string;
  /** The published programme, for created and updated (what GET /programmes/{slug} returns). */
  programme?: ProgrammeView;
}

export interface ChangePage {
  events: ChangeEvent[];
  /** Pass as `since` to continue; it moves past changes that concern no published programme too. */
  next: string;
  /** More changes are already waiting: ask again at once. */
  hasMore: boolean;
}

interface EventRow {
  id: string;
  tx: string;
  programme_id: string;
  type: ChangeType;
  version: number;
  created_at: string;
  slug: string;
  previous_slug: string | null;
  snapshot: object | null;
}

interface PageRow {
  events: EventRow[] | null;
  tail_tx: string | null;
  tail_id: string | null;
  /** The newest revision of all, committed or not: no cursor this feed gave out is past it. */
  newest_tx: string | null;
  newest_id: string | null;
}

const START = '0.0';

/**
 * The (transaction, id) position below which no revision can still appear:
 * the oldest transaction that was running when this statement's snapshot was
 * taken, leaving out those known to be running in another database (they
 * cannot write here; transaction ids are shared by the whole cluster, so an
 * import in another database must not hold this feed back). A transaction
 * that has finished since the snapshot still holds back: its rows are not
 * visible to this statement yet.
 */
const HORIZON = `(
  SELECT (SELECT coalesce(min(x), pg_snapshot_xmax(s.snapshot))
            FROM pg_snapshot_xip(s.snapshot) AS x
           WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                              WHERE a.backend_xid::text::bigint = x::text::bigint % 4294967296
                                AND a.datname IS DISTINCT FROM current_database()))
    FROM (SELECT pg_current_snapshot() AS snapshot) s
)`;

/** Whether a revision leaves the programme public (a deleted row keeps its last publication state). */
const VISIBLE = (alias: string) => `(${alias}.snapshot->>'publicationState' = 'published' AND ${alias}.action <> 'delete')`;

/**
 * What a revision means to someone keeping a copy of the published catalogue,
 * from whether the programme was public before it and after it: a programme
 * never public (a draft archived or deleted) gives no event at all.
 */
const EVENT_TYPE = `CASE
  WHEN ${VISIBLE('r')} AND coalesce(prev.visible, false) THEN 'updated'
  WHEN ${VISIBLE('r')} THEN 'created'
  WHEN coalesce(prev.visible, false) THEN CASE r.action WHEN 'archive' THEN 'archived' WHEN 'delete' THEN 'deleted' ELSE 'unpublished' END
END`;

const encode = (tx: string, id: string): string => Buffer.from(`${tx}.${id}`).toString('base64url');

const XID8_MAX = 2n ** 64n - 1n;
const BIGINT_MAX = 2n ** 63n - 1n;

const notACursor = (): DomainError =>
  new DomainError('invalid', 'VALIDATION_FAILED', 'since is not a cursor from this feed', [
    { field: 'since', messages: ['must be a cursor returned by this feed (or absent to start from the beginning)'] },
  ]);

function decode(cursor: string): { tx: string; id: string } {
  const raw = cursor === START ? START : Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(raw);
  // a transaction id is an xid8 (unsigned 64-bit), a revision id a bigint: anything larger is not a cursor this feed made
  if (!match || BigInt(match[1]) > XID8_MAX || BigInt(match[2]) > BIGINT_MAX) throw notACursor();
  return { tx: match[1], id: match[2] };
}

/** Whether position `a` comes after `b` in (transaction, revision) order. */
const isAfter = (a: { tx: string; id: string }, b: { tx: string; id: string }): boolean =>
  BigInt(a.tx) > BigInt(b.tx) || (a.tx === b.tx && BigInt(a.id) > BigInt(b.id));

/**
 * The change feed of the published catalogue, read from programme revisions
 * in (transaction, id) order. Only revisions of transactions older than the
 * oldest one still running here are returned (see HORIZON), so events appear
 * in their final order: paging never skips or repeats one, even while writes
 * happen. A long transaction here (an import) holds later events back until it ends.
 */
@Injectable()
export class ChangeFeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(since: string | undefined, limit: number): Promise<ChangePage> {
    const from = decode(since || START);
    // one statement, so the horizon, the events and the tail are read from one snapshot
    const [row] = await this.dataSource.query<PageRow[]>(
      `WITH horizon AS MATERIALIZED (SELECT ${HORIZON} AS xid),
       events AS (
         SELECT * FROM (
           SELECT r.id::text, r.tx_id::text AS tx, r.programme_id, r.version, r.created_at,
                  r.snapshot->>'slug' AS slug, prev.slug AS previous_slug, ${EVENT_TYPE} AS type,
                  CASE WHEN ${VISIBLE('r')} THEN r.snapshot END AS snapshot, r.tx_id AS tx_order, r.id AS id_order
             FROM programme_revision r
             LEFT JOIN LATERAL (
               SELECT p.snapshot->>'slug' AS slug, ${VISIBLE('p')} AS visible
                 FROM programme_revision p
                WHERE p.programme_id = r.programme_id AND p.version < r.version
                ORDER BY p.version DESC LIMIT 1) prev ON true
            WHERE (r.tx_id, r.id) > ($1::xid8, $2::bigint)
              AND r.tx_id < (SELECT xid FROM horizon)
            ORDER BY r.tx_id, r.id) scanned
          WHERE type IS NOT NULL
          ORDER BY tx_order, id_order
          LIMIT $3),
       tail AS (
         SELECT tx_id, id FROM programme_revision
          WHERE tx_id < (SELECT xid FROM horizon) ORDER BY tx_id DESC, id DESC LIMIT 1),
       newest AS (SELECT tx_id, id FROM programme_revision ORDER BY tx_id DESC, id DESC LIMIT 1)
       SELECT (SELECT json_agg(e ORDER BY e.tx_order, e.id_order) FROM events e) AS events,
              (SELECT tx_id::text FROM tail) AS tail_tx, (SELECT id::text FROM tail) AS tail_id,
              (SELECT tx_id::text FROM newest) AS newest_tx, (SELECT id::text FROM newest) AS newest_id`,
      [from.tx, from.id, limit + 1],
    );
    // every cursor this feed gives out names a revision (or the start): one past the newest revision is forged, and
    // echoing it back as `next` would leave its holder waiting for ever
    const newest = { tx: row.newest_tx ?? '0', id: row.newest_id ?? '0' };
    if (isAfter(from, newest)) {
      throw new DomainError('invalid', 'VALIDATION_FAILED', 'since is ahead of the feed', [
        { field: 'since', messages: ['is ahead of every change this feed holds: it is not a cursor from this feed'] },
      ]);
    }
    const rows = row.events ?? [];
    const hasMore = rows.length > limit;
    const events = rows.slice(0, limit).map((r): ChangeEvent => {
      const event: ChangeEvent = {
        cursor: encode(r.tx, r.id),
        type: r.type,
        id: r.programme_id,
        slug: r.slug,
        version: r.version,
        at: new Date(r.created_at).toISOString(),
      };
      if (r.type === 'updated' && r.previous_slug && r.previous_slug !== r.slug) event.previousSlug = r.previous_slug;
      // stored in the snapshot's own shape (older schemas upgraded), shown as the public API shows a programme
      if (r.snapshot) event.programme = publicSnapshotView(readSnapshot(r.snapshot));
      return event;
    });
    const last = events[events.length - 1];
    // with every event up to the horizon read, the next page starts after the newest revision read, whatever it was
    const tailIsAhead = row.tail_tx !== null && isAfter({ tx: row.tail_tx, id: row.tail_id! }, from);
    const next = hasMore ? last.cursor : tailIsAhead ? encode(row.tail_tx!, row.tail_id!) : since || encode('0', '0');
    return { events, next, hasMore };
  }

  /** The cursor of everything committed so far: an export taken now plus the feed from here misses nothing. */
  async head(): Promise<string> {
    const [row] = await this.dataSource.query<{ tx: string; id: string }[]>(
      `SELECT tx_id::text AS tx, id::text FROM programme_revision
        WHERE tx_id < ${HORIZON} ORDER BY tx_id DESC, id DESC LIMIT 1`,
    );
    return row ? encode(row.tx, row.id) : encode('0', '0');
  }
}
