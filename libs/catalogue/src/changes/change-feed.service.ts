import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import type { ProgrammeView } from '../programmes/dto/programme-view.dto';
import type { RevisionAction } from '../programmes/programme-revision.entity';
import { readSnapshot } from '../programmes/programme.mapper';

export const CHANGE_TYPES = ['created', 'updated', 'unpublished', 'archived', 'deleted'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ChangeEvent {
  /** Resume after this event with `since=<cursor>`. */
  cursor: string;
  type: ChangeType;
  slug: string;
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

interface RevisionRow {
  id: string;
  tx: string;
  action: RevisionAction;
  version: number;
  created_at: Date;
  state: string;
  slug: string;
  snapshot: ProgrammeView | null;
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

/** What a revision means to someone keeping a copy of the published catalogue, or null for nothing. */
function changeType(action: RevisionAction, state: string): ChangeType | null {
  switch (action) {
    case 'create':
      return state === 'published' ? 'created' : null; // an import can create a programme already published
    case 'publish':
      return 'created';
    case 'update':
      return state === 'published' ? 'updated' : null;
    case 'unpublish':
      return 'unpublished';
    case 'archive':
      return 'archived';
    case 'delete':
      return 'deleted';
    default:
      return null; // restore: back to a draft, which was not public anyway
  }
}

const encode = (tx: string, id: string): string => Buffer.from(`${tx}.${id}`).toString('base64url');

const XID8_MAX = 2n ** 64n - 1n;
const BIGINT_MAX = 2n ** 63n - 1n;

function decode(cursor: string): { tx: string; id: string } {
  const raw = cursor === START ? START : Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(raw);
  // a transaction id is an xid8 (unsigned 64-bit), a revision id a bigint: anything larger is not a cursor this feed made
  if (!match || BigInt(match[1]) > XID8_MAX || BigInt(match[2]) > BIGINT_MAX) {
    throw new DomainError('invalid', 'VALIDATION_FAILED', 'since is not a cursor from this feed', [{ field: 'since', messages: ['must be a cursor returned by this feed (or absent to start from the beginning)'] }]);
  }
  return { tx: match[1], id: match[2] };
}

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
    const from = decode(since ?? START);
    const rows = await this.dataSource.query<RevisionRow[]>(
      `SELECT r.id::text, r.tx_id::text AS tx, r.action, r.version, r.created_at,
              r.snapshot->>'publicationState' AS state, r.snapshot->>'slug' AS slug,
              CASE WHEN r.action IN ('create', 'publish', 'update') THEN r.snapshot END AS snapshot
         FROM programme_revision r
        WHERE (r.tx_id, r.id) > ($1::xid8, $2::bigint)
          AND r.tx_id < ${HORIZON}
        ORDER BY r.tx_id, r.id
        LIMIT $3`,
      [from.tx, from.id, limit],
    );
    const events = rows.flatMap((r): ChangeEvent[] => {
      const type = changeType(r.action, r.state);
      if (!type) return [];
      const event: ChangeEvent = { cursor: encode(r.tx, r.id), type, slug: r.slug, version: r.version, at: r.created_at.toISOString() };
      // snapshots written before key facts and sources existed are read in today's shape
      return [type === 'created' || type === 'updated' ? { ...event, programme: readSnapshot(r.snapshot!) } : event];
    });
    const last = rows[rows.length - 1];
    return { events, next: last ? encode(last.tx, last.id) : (since ?? encode('0', '0')), hasMore: rows.length === limit };
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
