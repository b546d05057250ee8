import { DomainError } from './domain-error';

/** The ETag of a versioned record: its version number, strong. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * Reads the version an editor last saw from `If-Match`. Missing → 428,
 * unreadable → 400; `*` is refused because it would allow a blind overwrite.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new DomainError('precondition_required', 'PRECONDITION_REQUIRED', 'This change needs an If-Match header with the ETag you last read');
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw new DomainError('invalid', 'INVALID_IF_MATCH', 'If-Match must be one ETag such as "3"', [
      { field: 'If-Match', messages: ['must be one ETag such as "3"'] },
    ]);
  }
  return Number(match[1]);
}
