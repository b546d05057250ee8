import addressparser from 'nodemailer/lib/addressparser';
import { domainToASCII } from 'node:url';
import { DomainError } from '@app/common';

const notOneAddress = (): DomainError =>
  new DomainError('invalid', 'VALIDATION_FAILED', 'The email is not one plain address', [
    { field: 'email', messages: ['must be one address such as name@example.org'] },
  ]);

/**
 * The address a message to `input` is delivered to, read by the parser the
 * mailer itself uses (`"vi\ctim"@example.org` is delivered to
 * victim@example.org): subscriptions keep and send to this, never the text as
 * typed. Anything that is not exactly one plain address is refused.
 */
export function deliveredAddress(input: string): string {
  const parsed = addressparser(input.trim(), { flatten: true });
  if (parsed.length !== 1 || parsed[0].name || !parsed[0].address) throw notOneAddress();
  const address = parsed[0].address;
  const at = address.lastIndexOf('@');
  if (at < 1 || at === address.length - 1 || /[\s<>(),;:]/.test(address.replace(/^"[^"]*"@/, 'x@'))) throw notOneAddress();
  const domain = domainToASCII(address.slice(at + 1).toLowerCase());
  if (!domain) throw notOneAddress();
  return `${address.slice(0, at)}@${domain}`;
}

/** Providers that deliver `first.last` and `firstlast` to one mailbox. */
const DOTS_IGNORED = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address reaches, for counting what one person receives:
 * letters in any case, a `+tag` (sub-address) dropped, quotes and escapes
 * undone, and dots ignored where the provider ignores them. Two addresses
 * with one key share one budget.
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at);
  if (local.startsWith('"') && local.endsWith('"')) local = local.slice(1, -1).replace(/\\(.)/g, '$1');
  local = local.toLowerCase().split('+')[0];
  const domain = address.slice(at + 1).toLowerCase();
  if (DOTS_IGNORED.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}
