import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email alerts for a saved search. An alert is its search (the URL's query
 * string), a frequency and an address; it sends nothing until confirmed.
 * The confirmation token is stored only as SHA-256. Mail goes through `mail_message`, one
 * row per alert, kind and period (so a digest is composed and sent at most
 * once per period, however often the job runs), sent and retried by the relay.
 */
export class CreateSearchAlerts1764777600000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE search_alert (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email                text NOT NULL,
        email_hash           text NOT NULL,
        client_hash          text NOT NULL,
        query                text NOT NULL,
        lang                 text NOT NULL CHECK (lang IN ('ru', 'en')),
        frequency            text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
        confirm_token_hash   text NOT NULL UNIQUE,
        manage_token         text NOT NULL UNIQUE, -- a capability to unsubscribe only; each digest carries it
        request              jsonb NOT NULL,
        confirmed_at         timestamptz,
        last_period          text,
        last_sent_at         timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX search_alert_email_idx ON search_alert (email_hash, created_at)`);
    await db.query(`CREATE INDEX search_alert_client_idx ON search_alert (client_hash, created_at)`);
    await db.query(`
      CREATE TABLE mail_message (
        id              bigserial PRIMARY KEY,
        alert_id        uuid REFERENCES search_alert(id) ON DELETE CASCADE,
        kind            text NOT NULL CHECK (kind IN ('confirm', 'digest')),
        period          text NOT NULL,
        recipient       text NOT NULL,
        subject         text NOT NULL,
        text_body       text NOT NULL,
        html_body       text NOT NULL,
        headers         jsonb NOT NULL DEFAULT '{}',
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        sent_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (alert_id, kind, period)
      )`);
    await db.query(`CREATE INDEX mail_message_due_idx ON mail_message (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mail_message`);
    await db.query(`DROP TABLE search_alert`);
  }
}
