import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { withoutAddresses } from './alerts.service';

interface MessageRow {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  attempts: number;
}

/** How long a claimed message is left alone before another run may try it again. */
const LEASE = "interval '5 minutes'";
const MAX_BACKOFF_MINUTES = 6 * 60;

export interface HeldMessage {
  id: string;
  kind: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface HeldMessageInFull extends HeldMessage {
  sentAt: string | null;
  recipient: string;
  /** The plain-text body, as sent. */
  text: string;
}

/**
 * Sends queued mail over SMTP (SMTP_URL). Each message is claimed with a lease,
 * sent with a Message-ID of its own (a resend after a crash is the same message),
 * and retried with back-off when the server refuses it. Without SMTP_URL nothing
 * is sent: messages stay in the database, listed at /admin/outbox.
 */
@Injectable()
export class MailRelay implements OnModuleDestroy {
  private readonly logger = new Logger(MailRelay.name);
  private transport: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  get sending(): boolean {
    return this.config.mail.smtpUrl !== undefined;
  }

  async drain(batch = 50): Promise<number> {
    if (!this.sending) return 0;
    this.transport ??= createTransport(this.config.mail.smtpUrl);
    const due = await this.dataSource.query<MessageRow[]>(
      // in a CTE so the driver returns the rows themselves (an UPDATE returns [rows, count])
      `WITH claimed AS (
         UPDATE mail_message SET next_attempt_at = now() + ${LEASE}
          WHERE id IN (SELECT id FROM mail_message WHERE status = 'pending' AND next_attempt_at <= now()
                        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id, recipient, subject, text_body, html_body, headers, attempts)
       SELECT * FROM claimed ORDER BY id`,
      [batch],
    );
    let sent = 0;
    for (const m of due) {
      try {
        await this.transport.sendMail({
          from: this.config.mail.from,
          to: m.recipient,
          subject: m.subject,
          text: m.text_body,
          html: m.html_body,
          headers: m.headers,
          messageId: `<mail-${m.id}@support-navigator>`,
        });
        await this.dataSource.query(
          `UPDATE mail_message SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
          [m.id],
        );
        sent++;
      } catch (error) {
        const reason = withoutAddresses((error as Error).message ?? String(error)).slice(0, 500);
        const minutes = Math.min(MAX_BACKOFF_MINUTES, 2 ** m.attempts);
        await this.dataSource.query(
          `UPDATE mail_message SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(mins => $3) WHERE id = $1`,
          [m.id, reason, minutes],
        );
        this.logger.warn({ message: m.id, attempts: m.attempts + 1, reason }, 'Mail not sent; will retry');
      }
    }
    return sent;
  }

  /** The latest messages, without their recipients (addresses are never shown). */
  async recent(limit = 100): Promise<HeldMessage[]> {
    const rows = await this.dataSource.query<
      { id: string; kind: string; subject: string; status: string; attempts: number; last_error: string | null; created_at: Date }[]
    >(`SELECT id::text, kind, subject, status, attempts, last_error, created_at FROM mail_message ORDER BY id DESC LIMIT $1`, [limit]);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** One message in full, its recipient included, for an admin who delivers or checks it by hand; null when there is none. */
  async message(id: string): Promise<HeldMessageInFull | null> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        kind: string;
        subject: string;
        status: string;
        attempts: number;
        last_error: string | null;
        created_at: Date;
        sent_at: Date | null;
        recipient: string;
        text_body: string;
      }[]
    >(
      `SELECT id::text, kind, subject, status, attempts, last_error, created_at, sent_at, recipient, text_body
         FROM mail_message WHERE id = $1::bigint`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at.toISOString(),
      sentAt: row.sent_at?.toISOString() ?? null,
      recipient: row.recipient,
      text: row.text_body,
    };
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
