import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Lang } from '@app/catalogue';
import { Clock, DomainError } from '@app/common';
import { AppConfig, PublicUrls } from '@app/config';
import { pickRanges, type RangeParam, SearchService, SearchVocabulary, type SearchRequest, withoutRanges } from '@app/search';
import { deliveredAddress, mailboxKey } from './alert-address';
import { confirmMessage, describeSearch, digestMessage } from './alert-mail';

export type AlertFrequency = 'daily' | 'weekly';

/** A search to follow, as the website's search page reads it. */
export interface AlertSearch {
  /** The search page's query string (without `?`), for links back to it. */
  query: string;
  request: Omit<SearchRequest, 'page' | 'perPage' | 'after' | 'sort'>;
}

interface AlertRow {
  id: string;
  email: string;
  query: string;
  /** As stored in JSON: range bounds that are instants come back as ISO 8601 text. */
  request: Omit<AlertSearch['request'], RangeParam> & Partial<Record<RangeParam, unknown>>;
  lang: Lang;
  frequency: AlertFrequency;
  manage_token: string;
  confirmed_at: Date;
  last_sent_at: Date | null;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');
/** Anything that looks like an address in an SMTP error is hidden before the error is kept or logged. */
export const withoutAddresses = (text: string): string => text.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]');
const DAY = 86_400_000;
/** How long a confirmation link works; unconfirmed subscriptions (and their addresses) are deleted after it. */
export const CONFIRM_LINK_DAYS = 7;
/** Digests follow Moscow's calendar. */
const MOSCOW = 3 * 3_600_000;

/** The period a digest of this frequency belongs to: a Moscow date, or an ISO week. */
export function periodOf(frequency: AlertFrequency, now: Date): string {
  const local = new Date(now.getTime() + MOSCOW);
  const day = local.toISOString().slice(0, 10);
  if (frequency === 'daily') return day;
  const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / DAY + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Email alerts for a saved search: double opt-in, a digest per period of what
 * is new or changed and what closes within 14 days, one-click unsubscribe.
 * Addresses are used to send and nothing else: never logged, never shown.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: SearchService,
    private readonly vocabulary: SearchVocabulary,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly urls: PublicUrls,
  ) {}

  /**
   * Starts a subscription and queues its confirmation message. Limits per mailbox and per client
   * address stop abuse: the address is read as the mailer delivers it and counted by the mailbox it
   * reaches (so `"vi\ctim"@…` and `victim+1@…` share victim@…'s budget), and the count and the insert
   * run under one lock per mailbox and per client, so parallel requests cannot overrun a limit.
   */
  async subscribe(email: string, search: AlertSearch, frequency: AlertFrequency, lang: Lang, clientAddress: string): Promise<void> {
    const address = deliveredAddress(email);
    const emailHash = sha256(mailboxKey(address));
    const clientHash = sha256(clientAddress);
    const { alertsPerAddressPerDay, alertsPerClientPerHour } = this.config.mail;
    const confirm = token();
    const words = describeSearch(search.request, await this.vocabulary.terms(), lang);
    await this.dataSource.transaction(async (tx) => {
      // one subscription at a time per mailbox, then per client (always in this order: no deadlock)
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`alert-mailbox:${emailHash}`]);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`alert-client:${clientHash}`]);
      const [{ byAddress, byClient }] = await tx.query<{ byAddress: number; byClient: number }[]>(
        `SELECT count(*) FILTER (WHERE email_hash = $1 AND created_at > now() - interval '1 day')::int AS "byAddress",
                count(*) FILTER (WHERE client_hash = $2 AND created_at > now() - interval '1 hour')::int AS "byClient"
           FROM search_alert WHERE email_hash = $1 OR client_hash = $2`,
        [emailHash, clientHash],
      );
      if (byAddress >= alertsPerAddressPerDay || byClient >= alertsPerClientPerHour) {
        throw new DomainError('too_many_requests', 'ALERT.TOO_MANY', 'Too many subscriptions were started from here; try again later', {
          retryAfterSeconds: byClient >= alertsPerClientPerHour ? 3600 : 86_400,
        });
      }
      const [alert] = await tx.query<{ id: string }[]>(
        `INSERT INTO search_alert (email, email_hash, client_hash, query, request, lang, frequency, confirm_token_hash, manage_token)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [address, emailHash, clientHash, search.query, JSON.stringify(search.request), lang, frequency, sha256(confirm), token()],
      );
      const mail = confirmMessage(lang, words, frequency, this.urls.to(`/alerts/confirm/${confirm}`));
      await this.enqueue(tx, alert.id, 'confirm', 'confirm', address, mail, {});
    });
    this.logger.log({ frequency }, 'Search alert requested');
  }

  /** Confirms the subscription a confirmation link names; false for an unknown, used or expired (CONFIRM_LINK_DAYS) link. */
  async confirm(confirmToken: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      // in a CTE so the driver returns the rows themselves (an UPDATE returns [rows, count])
      `WITH confirmed AS (
         UPDATE search_alert SET confirmed_at = coalesce(confirmed_at, now()), last_sent_at = coalesce(last_sent_at, now())
          WHERE confirm_token_hash = $1 AND (confirmed_at IS NOT NULL OR created_at > now() - make_interval(days => $2))
          RETURNING id)
       SELECT id FROM confirmed`,
      [sha256(confirmToken), CONFIRM_LINK_DAYS],
    );
    return rows.length > 0;
  }

  /** Deletes subscriptions never confirmed within CONFIRM_LINK_DAYS, and with them the addresses they kept; returns how many. */
  async pruneUnconfirmed(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM search_alert WHERE confirmed_at IS NULL AND created_at < now() - make_interval(days => $1)`,
      [CONFIRM_LINK_DAYS],
    );
    return count;
  }

  /** What a confirmation link stands for: a subscription still to confirm, one already confirmed, or nothing (unknown or unsubscribed). */
  async confirmation(confirmToken: string): Promise<'pending' | 'confirmed' | null> {
    const [row] = await this.dataSource.query<{ confirmed: boolean }[]>(
      `SELECT confirmed_at IS NOT NULL AS confirmed FROM search_alert WHERE confirm_token_hash = $1`,
      [sha256(confirmToken)],
    );
    return row ? (row.confirmed ? 'confirmed' : 'pending') : null;
  }

  /** Ends the subscription a manage token names (one click, no sign-in); true whether or not it still existed. */
  async unsubscribe(manageToken: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM search_alert WHERE manage_token = $1`, [manageToken]);
  }

  async exists(manageToken: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM search_alert WHERE manage_token = $1`, [manageToken])).length > 0;
  }

  /**
   * Composes the digests due now: for each confirmed alert whose period has
   * not been handled, the programmes of its search changed since its last
   * digest and those closing within 14 days. At most one digest per alert and
   * period, however often this runs; nothing new, no message.
   */
  async composeDigests(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.query<AlertRow[]>(
      `SELECT id, email, query, request, lang, frequency, manage_token, confirmed_at, last_sent_at FROM search_alert
        WHERE confirmed_at IS NOT NULL
          AND ((frequency = 'daily' AND last_period IS DISTINCT FROM $1) OR (frequency = 'weekly' AND last_period IS DISTINCT FROM $2))
        ORDER BY id LIMIT 200`,
      [periodOf('daily', now), periodOf('weekly', now)],
    );
    let queued = 0;
    const terms = due.length ? await this.vocabulary.terms() : null;
    for (const alert of due) {
      const period = periodOf(alert.frequency, now);
      const since = (alert.last_sent_at ?? alert.confirmed_at).getTime();
      const request: SearchRequest = {
        ...withoutRanges(alert.request),
        ...pickRanges(alert.request),
        page: 1,
        perPage: 50,
        lang: alert.lang,
      };
      const found = await this.search.search({ ...request, sort: 'updated' });
      const changed = found.hits.filter((h) => new Date(h.updatedAt).getTime() > since);
      const soon = new Date(now.getTime() + 14 * DAY);
      const closing = (await this.search.search({ ...request, sort: 'deadline', perPage: 20, closesAfter: now, closesBefore: soon })).hits // a reminder is for a round that is running: never for an unconfirmed or upcoming one
        .filter((h) => h.status === 'open' && !changed.some((c) => c.slug === h.slug));
      await this.dataSource.transaction(async (tx) => {
        if (changed.length || closing.length) {
          const unsubscribe = this.urls.to(`/alerts/unsubscribe/${alert.manage_token}`);
          const words = describeSearch(request, terms!, alert.lang);
          const mail = digestMessage(alert.lang, this.urls, words, this.searchUrl(alert.query, alert.lang), unsubscribe, changed, closing);
          // RFC 8058: mail clients offer one-click unsubscribe, posting to the link
          if (
            await this.enqueue(tx, alert.id, 'digest', period, alert.email, mail, {
              'List-Unsubscribe': `<${unsubscribe}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            })
          )
            queued++;
        }
        await tx.query(`UPDATE search_alert SET last_period = $2, last_sent_at = $3 WHERE id = $1`, [alert.id, period, now]);
      });
    }
    if (queued) this.logger.log({ queued }, 'Search alert digests queued');
    return queued;
  }

  private searchUrl(query: string, lang: Lang): string {
    const params = new URLSearchParams(query);
    if (lang === 'en') params.set('lang', 'en');
    return this.urls.to(`/${params.size ? `?${params}` : ''}`);
  }

  private async enqueue(
    tx: { query: DataSource['query'] },
    alertId: string,
    kind: 'confirm' | 'digest',
    period: string,
    recipient: string,
    mail: { subject: string; text: string; html: string },
    headers: Record<string, string>,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO mail_message (alert_id, kind, period, recipient, subject, text_body, html_body, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (alert_id, kind, period) DO NOTHING RETURNING id`,
      [alertId, kind, period, recipient, mail.subject, mail.text, mail.html, JSON.stringify(headers)],
    );
    return rows.length > 0;
  }
}
