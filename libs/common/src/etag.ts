import { DomainError } from './domain-error';

/** The ETag of a versioned record: its version number, strong. */
export const etagOf = (version: number): string => `"${version}"`;

/** `If-Match: *`: whatever version is current (RFC 9110): a deliberate overwrite, still refused if the record is gone. */
export const ANY_VERSION = 0;

/** The version a change expects: the one the client sent, or the current one for `If-Match: *`. */
export const expectedOf = (sent: number, current: number): number => (sent === ANY_VERSION ? current : sent);

/**
 * Reads the version an editor last saw from `If-Match`. Missing → 428,
 * unreadable → 400; `*` gives ANY_VERSION (services read it with expectedOf).
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new DomainError(
      'precondition_required',
      'PRECONDITION_REQUIRED',
      'This change needs an If-Match header with the ETag you last read',
    );
  }
  if (header.trim() === '*') return ANY_VERSION;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw new DomainError('invalid', 'INVALID_IF_MATCH', 'If-Match must be one ETag such as "3", or *', [
      { field: 'If-Match', messages: ['must be one ETag such as "3", or *'] },
    ]);
  }
  return Number(match[1]);
}
