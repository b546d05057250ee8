import { DomainError } from './domain-error';

/** The ETag of a versioned record: its version number, strong. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * What a change expects of the record it changes: any version (`If-Match: *`,
 * a deliberate overwrite, still refused if the record is gone) or exactly the
 * version the client last read. "Any" is its own case, so no number means it.
 */
export type ExpectedVersion = { readonly any: true } | { readonly version: number };

/** `If-Match: *`. */
export const ANY_VERSION: ExpectedVersion = Object.freeze({ any: true });

/** Exactly this version (a form's hidden field, an import row, the seeder). */
export const exactVersion = (version: number): ExpectedVersion => ({ version });

/** Whether a change that expects `expected` may go ahead on a record now at version `current`. */
export const versionMatches = (expected: ExpectedVersion, current: number): boolean => 'any' in expected || expected.version === current;

/** The version the client said it saw, for a 412's details (`*` saw the current one). */
export const versionSeen = (expected: ExpectedVersion, current: number): number => ('any' in expected ? current : expected.version);

/** A strong ETag as this service writes it: a quoted version in canonical digits (`"3"`, never `"03"`, never `W/"3"`). */
const STRONG_VERSION_TAG = /^"(0|[1-9]\d{0,8})"$/;

/**
 * Reads `If-Match`: `*`, or the one strong ETag the client last read.
 * Missing → 428. Anything else (a weak `W/"3"`, `"03"`, a list, text) can
 * never equal a current ETag under the strong comparison If-Match uses
 * (RFC 9110 §13.1.1): 412, and nothing changes.
 */
export function parseIfMatch(header: string | string[] | undefined): ExpectedVersion {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).trim();
  if (value === '') {
    throw new DomainError(
      'precondition_required',
      'PRECONDITION_REQUIRED',
      'This change needs an If-Match header with the ETag you last read',
    );
  }
  if (value === '*') return ANY_VERSION;
  const match = STRONG_VERSION_TAG.exec(value);
  if (!match) {
    throw new DomainError(
      'precondition_failed',
      'PRECONDITION_FAILED',
      'If-Match matches no current version: send * or the exact ETag you last read (strong, such as "3"; W/"3" or "03" never match)',
      { ifMatch: value.slice(0, 100) },
    );
  }
  return exactVersion(Number(match[1]));
}

/** Throws `conflict(seen, current)` (a 412) unless a change that expects `expected` may go ahead on a record at `current`. */
export function assertVersion(expected: ExpectedVersion, current: number, conflict: (seen: number, current: number) => Error): void {
  if (!versionMatches(expected, current)) throw conflict(versionSeen(expected, current), current);
}
