import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AlertsService, MailRelay } from '@app/alerts';
import { freePort } from '@app/testing';
import { patchAndPublish } from './support/programmes';
import { createTestApp, type TestApp } from './support/test-app';
import { run, SERVER, waitFor, type Running } from './support/processes';

/**
 * Email alerts end to end over real SMTP (an smtp-server in this process):
 * subscribe on the website, confirm from the message, a programme changes,
 * the digest arrives with one-click unsubscribe headers, the unsubscribe
 * works. The website runs as its own process with full logging, and its logs
 * never hold the address.
 */
describe('search alerts over SMTP', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let site: Running;
  let base: string;
  let admin: string;
  const inbox: ParsedMail[] = [];
  const refuseOnce = new Set<string>();

  const mailTo = async (address: string, count: number): Promise<ParsedMail[]> => {
    for (let i = 0; i < 100; i++) {
      const mine = inbox.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(address));
      if (mine.length >= count) return mine;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no mail for ${address}`);
  };
  const sql = <T = unknown>(text: string, params: unknown[]): Promise<T[]> => t.app.get(DataSource).query(text, params);
  const linkIn = (mail: ParsedMail, path: string): string => new RegExp(`${base}(${path}[A-Za-z0-9_-]+)`).exec(mail.text ?? '')![1];

  beforeAll(async () => {
    if (!existsSync(SERVER)) throw new Error('Run `npm run build` first (npm test does)');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        // a server that refuses a message once: the relay must retry it later
        if (refuseOnce.delete(address.address)) return callback(new Error(`451 Mailbox ${address.address} busy, try later`));
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          inbox.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const mail = { SMTP_URL: smtpUrl, PUBLIC_BASE_URL: base, ALERTS_PER_ADDRESS_PER_DAY: '3' };
    t = await createTestApp({ env: mail });
    admin = await t.tokenFor('admin');
    site = run(SERVER, [], {
      ...mail,
      DATABASE_URL: t.db.url,
      PORT: String(port),
      LOG_LEVEL: 'trace',
      MIGRATE_ON_START: 'false',
      SEED_ON_START: 'false',
      WORKER_IN_PROCESS: 'false',
      WEB_RATE_LIMIT: '100000',
    });
    await waitFor(site, 'listening on');
  }, 90_000);
  afterAll(async () => {
    site?.child.kill('SIGTERM');
    await site?.exited;
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
    await t?.close();
  });

  it('subscribe, confirm, a change, the digest, one-click unsubscribe', async () => {
    const email = `alerts-${Date.now()}@example.org`;
    const page = await request(base)
      .post('/alerts')
      .type('form')
      .send({ email, frequency: 'daily', query: 'supportType=grant_subsidy&page=3', lang: 'ru' })
      .expect(200);
    expect(page.text).toContain('Проверьте почту');

    // the confirmation comes at once (the relay sends it); nothing else until confirmed
    await t.app.get(MailRelay).drain();
    const [confirmation] = await mailTo(email, 1);
    expect(confirmation.subject).toBe('Подтвердите подписку на программы поддержки');
    // the search in words, as the reader chose it, never as a link (issue 26): the only link is the confirmation's
    expect(confirmation.text).toContain('- Вид поддержки: Гранты и субсидии\n');
    expect(confirmation.text).not.toContain(`${base}/?`);
    const confirmPath = linkIn(confirmation, '/alerts/confirm/');
    expect(await t.app.get(AlertsService).composeDigests()).toBe(0);
    // opening the link (as a mail scanner would) confirms nothing; the button does
    expect((await request(base).get(confirmPath).expect(200)).text).toContain('Подтвердить подписку');
    expect((await request(base).post(confirmPath).expect(200)).text).toContain('Подписка подтверждена');
    // the link opened again says so, and asks nothing more
    const again = await request(base).get(confirmPath).expect(200);
    expect(again.text).toContain('Подписка уже подтверждена');
    expect(again.text).not.toContain('<form');

    // a grant programme changes
    const found = (await request(t.http).get('/api/v1/programmes').query({ supportType: 'grant_subsidy', perPage: 1 }).expect(200)).body
      .hits[0];
    const p = (await request(t.http).get(`/api/v1/programmes/${found.slug}`).expect(200)).body;
    await new Promise((r) => setTimeout(r, 20));
    await patchAndPublish(t.http, admin, p.id, `"${p.version}"`, { summary: { ru: `${p.summary.ru} Обновлено.` } });

    // one digest for the period, however often the job runs
    expect(await t.app.get(AlertsService).composeDigests()).toBe(1);
    expect(await t.app.get(AlertsService).composeDigests()).toBe(0);
    await t.app.get(MailRelay).drain();
    const [, digest] = await mailTo(email, 2);
    expect(digest.subject).toMatch(/^Программы поддержки: \d+ обновлени/);
    expect(digest.text).toContain(p.title.ru);
    expect(digest.text).toContain(`${base}/programmes/${p.slug}`);
    expect(digest.text).toContain('Ваш поиск:\n- Вид поддержки: Гранты и субсидии\n');
    expect(digest.html).toContain('<li>Вид поддержки: Гранты и субсидии</li>');
    expect(digest.text).toContain(`${base}/?supportType=grant_subsidy`);
    const header = (name: string) => digest.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
    const unsubscribe = header('list-unsubscribe')!;
    expect(unsubscribe).toMatch(new RegExp(`^<${base}/alerts/unsubscribe/[A-Za-z0-9_-]+>$`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    await t.app.get(MailRelay).drain();
    expect(inbox.filter((m) => (m.to && 'text' in m.to ? m.to.text : '') === email)).toHaveLength(2);

    // RFC 8058 one-click: the mail client posts to the link
    const oneClick = unsubscribe.slice(base.length + 1, -1);
    await request(base).post(oneClick).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await request(base).get(oneClick).expect(200)).text).toContain('Вы отписались');
    const [{ count }] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM search_alert WHERE email = $1`, [email]);
    expect(count).toBe(0);

    // the website's logs never hold the address, nor the links' tokens
    await new Promise((r) => setTimeout(r, 200));
    const logs = site.output();
    expect(logs).toContain('"url":"/alerts/confirm/[redacted]"');
    expect(logs.includes(email)).toBe(false);
    expect(logs.includes(confirmPath.split('/').pop()!)).toBe(false);
  });

  it('describes the search in words in the message, and answers a broken link in plain words', async () => {
    const email = `words-${Date.now()}@example.org`;
    const query = `q=${encodeURIComponent('кредит для ип')}&status=open&supportType=concessional_loan&amountMin=1000000`;
    await request(base).post('/alerts').type('form').send({ email, frequency: 'weekly', query, lang: 'ru' }).expect(200);
    await t.app.get(MailRelay).drain();
    const [mail] = await mailTo(email, 1);
    const words = mail.text!.slice(0, mail.text!.indexOf('Письма будут приходить'));
    expect(words).toContain('- Запрос: «кредит для ип»\n');
    expect(words).toContain('- Вид поддержки: Льготные кредиты и займы\n');
    expect(words).toContain('- Приём заявок: Приём заявок открыт\n');
    expect(words).toMatch(/- Сумма: от 1\s000\s000\s₽\n/);
    // no codes or percent-encoding where the reader reads the search
    expect(words).not.toMatch(/%[0-9A-F]{2}|concessional_loan|status=/);
    // a confirmation may reach a stranger's inbox: it links to nothing but itself (issue 26)
    expect(mail.html).not.toContain('Открыть поиск на сайте');
    expect(String(mail.html).match(/<a /g)).toHaveLength(1);
    const en = `en-${Date.now()}@example.org`;
    await request(base)
      .post('/alerts')
      .type('form')
      .send({ email: en, frequency: 'weekly', query: 'supportType=premises', lang: 'en' })
      .expect(200);
    await t.app.get(MailRelay).drain();
    expect((await mailTo(en, 1))[0].text).toContain('- Type of support: Premises');

    // a link cut short or mistyped, or one nobody issued: the page says the link is invalid, not the search
    for (const path of ['/alerts/confirm/abc', `/alerts/confirm/${'x'.repeat(43)}`, '/alerts/unsubscribe/short']) {
      const page = await request(base).get(path).set('Accept', 'text/html').expect(404);
      expect(page.text).toContain('Ссылка недействительна или устарела');
      expect(page.text).not.toMatch(/параметр|<form/);
    }
    const english = await request(base).get('/alerts/confirm/abc?lang=en').set('Accept', 'text/html').expect(404);
    expect(english.text).toContain('This link is invalid or has expired');
    await request(base).post('/alerts/confirm/abc').expect(404);
  });

  it('retries a refused message with back-off, without the address in the kept error', async () => {
    const email = `busy-${Date.now()}@example.org`;
    refuseOnce.add(email);
    await request(base).post('/alerts').type('form').send({ email, frequency: 'weekly', query: '' }).expect(200);
    await t.app.get(MailRelay).drain();
    const [held] = await sql<{ attempts: number; last_error: string; status: string; wait: number }>(
      `SELECT attempts, last_error, status, extract(epoch FROM next_attempt_at - now())::int AS wait FROM mail_message m JOIN search_alert a ON a.id = m.alert_id WHERE a.email = $1`,
      [email],
    );
    expect(held).toMatchObject({ attempts: 1, status: 'pending' });
    expect(held.wait).toBeGreaterThan(0);
    expect(held.last_error).toContain('[address]');
    expect(held.last_error).not.toContain(email);
    await sql(`UPDATE mail_message SET next_attempt_at = now() WHERE recipient = $1`, [email]);
    await t.app.get(MailRelay).drain();
    expect(await mailTo(email, 1)).toHaveLength(1);
  });

  it('refuses a bad address in plain words, and limits subscriptions per address', async () => {
    const bad = await request(base).post('/alerts').type('form').send({ email: 'not-an-address', frequency: 'daily' }).expect(400);
    expect(bad.text).toContain('Проверьте адрес электронной почты');
    const email = `limit-${Date.now()}@example.org`;
    for (let i = 0; i < 3; i++) await request(base).post('/alerts').type('form').send({ email, frequency: 'daily' }).expect(200);
    const limited = await request(base).post('/alerts').type('form').send({ email, frequency: 'daily' }).expect(429);
    expect(limited.text).not.toContain(email);
  });
});
