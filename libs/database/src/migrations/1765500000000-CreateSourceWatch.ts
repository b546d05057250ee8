import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Source watch: the worker re-reads the pages programmes cite and tells editors which changed, moved
 * or vanished.
 * - `source_watch`: one row per distinct source address, with what its last reading found (status,
 *   where redirects ended, the validators for a conditional request, a hash and a bounded copy of
 *   the page's main text). A pass claims due rows for a while (`claimed_until`) so two passes never
 *   read one page at once.
 * - `source_watch_item`: the editors' queue, one pending row per programme and address, keeping what
 *   the page said when the entry was last checked against it (`before_*`) so the queue can show
 *   what changed since (`diff`, word by word, bounded). Confirming the entry or dismissing the row
 *   resolves it.
 */
export class CreateSourceWatch1765500000000 implements MigrationInterface {
  name = 'CreateSourceWatch1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE source_watch (
        url             text PRIMARY KEY,
        host            text NOT NULL,
        checked_at      timestamptz,
        claimed_until   timestamptz,
        http_status     int,
        final_url       text,
        etag            text,
        last_modified   text,
        content_type    text,
        content_hash    text,
        page_title      text,
        page_text       text,
        error           text,
        failures        int NOT NULL DEFAULT 0,
        vanished        boolean NOT NULL DEFAULT false,
        changed_at      timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX source_watch_due_idx ON source_watch (checked_at ASC NULLS FIRST)`);
    await db.query(`
      CREATE TABLE source_watch_item (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id       uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        url                text NOT NULL,
        kind               text NOT NULL CHECK (kind IN ('changed', 'moved', 'vanished')),
        first_detected_at  timestamptz NOT NULL DEFAULT now(),
        detected_at        timestamptz NOT NULL DEFAULT now(),
        before_status      int,
        before_final_url   text,
        before_title       text,
        before_text        text,
        diff               jsonb,
        resolved_at        timestamptz,
        resolution         text CHECK (resolution IN ('confirmed', 'dismissed')),
        resolved_by        uuid REFERENCES app_user(id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX source_watch_item_pending_idx ON source_watch_item (programme_id, url) WHERE resolved_at IS NULL`);
    await db.query(`CREATE INDEX source_watch_item_url_idx ON source_watch_item (url) WHERE resolved_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE source_watch_item`);
    await db.query(`DROP TABLE source_watch`);
  }
}
