import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the admin area needs: browser sessions with a CSRF token, invitations,
 * API keys, shared rate-limit counters, stored import files and the audit log.
 */
export class CreateCuration1764345600000 implements MigrationInterface {
  name = 'CreateCuration1764345600000';

  async up(db: QueryRunner): Promise<void> {
    // browser sessions carry a per-session CSRF token; bearer sessions leave it null
    await db.query(`ALTER TABLE auth_session ADD COLUMN csrf_token text`);

    // an invited user has no password until they accept the invitation
    await db.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await db.query(`ALTER TABLE app_user ADD COLUMN invite_token_hash bytea UNIQUE, ADD COLUMN invite_expires_at timestamptz`);

    await db.query(`
      CREATE TABLE api_key (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        prefix       text NOT NULL UNIQUE,
        key_hash     bytea NOT NULL UNIQUE,
        created_by   uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);

    // fixed-window counters shared by every server instance; unlogged: no WAL, no fsync per request,
    // and a crash merely resets the counts
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit_counter (
        key          text PRIMARY KEY,
        window_ends  timestamptz NOT NULL,
        hits         int NOT NULL
      )`);
    await db.query(`CREATE INDEX rate_limit_counter_window_idx ON rate_limit_counter (window_ends)`);

    await db.query(`
      CREATE TABLE import_file (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name   text NOT NULL,
        format      text NOT NULL CHECK (format IN ('csv','json')),
        content     text NOT NULL,
        sha256      text NOT NULL,
        rows        int NOT NULL,
        -- checking → checked → applying → applied; a failed check is final, a failed apply returns to checked
        state       text NOT NULL CHECK (state IN ('checking','checked','applying','applied','failed')),
        done        int NOT NULL DEFAULT 0,
        heartbeat   timestamptz NOT NULL DEFAULT now(),
        error       text,
        report      jsonb,
        created_by  uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        applied_at  timestamptz,
        applied_report jsonb
      )`);

    await db.query(`
      CREATE TABLE audit_event (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at           timestamptz NOT NULL DEFAULT now(),
        actor_id     uuid REFERENCES app_user(id) ON DELETE SET NULL,
        actor_label  text NOT NULL,
        action       text NOT NULL,
        target       text,
        detail       jsonb NOT NULL DEFAULT '{}',
        ip           text
      )`);
    await db.query(`CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP TABLE import_file`);
    await db.query(`DROP TABLE rate_limit_counter`);
    await db.query(`DROP TABLE api_key`);
    await db.query(`DELETE FROM app_user WHERE password_hash IS NULL`);
    await db.query(`ALTER TABLE app_user DROP COLUMN invite_token_hash, DROP COLUMN invite_expires_at`);
    await db.query(`ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL`);
    await db.query(`ALTER TABLE auth_session DROP COLUMN csrf_token`);
  }
}
