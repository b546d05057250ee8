/**
 * A failure the domain expects and names. `code` is stable (clients may branch on
 * it); `kind` says which HTTP status it maps to, in one place (the error filter).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable';

export interface FieldProblem {
  field: string;
  messages: string[];
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Thrown by a guard, which cannot answer itself, to send the browser elsewhere (303): to the sign-in page. Handlers redirect plainly. */
export class SeeOther extends Error {
  constructor(readonly location: string) {
    super(`See ${location}`);
    this.name = 'SeeOther';
  }
}
