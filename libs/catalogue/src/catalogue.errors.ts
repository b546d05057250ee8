import { DomainError } from '@app/common';

/** Who made a change: a signed-in user, or a named system process (seed, import). */
export interface Actor {
  id: string | null;
  label: string;
}

export const SYSTEM_SEED: Actor = { id: null, label: 'system:seed' };

export const programmeNotFound = (ref: string): DomainError => new DomainError('not_found', 'PROGRAMME.NOT_FOUND', `No programme ${ref}`);

export const programmeSlugTaken = (slug?: string): DomainError =>
  new DomainError('conflict', 'PROGRAMME.SLUG_TAKEN', `The slug ${slug ? `"${slug}" ` : ''}is already used by another programme`, [
    { field: 'slug', messages: ['is already used by another programme'] },
  ]);

export const programmeVersionConflict = (expected: number, current: number): DomainError =>
  new DomainError(
    'precondition_failed',
    'PROGRAMME.VERSION_CONFLICT',
    `The programme was changed by someone else (you edited version ${expected}, it is now at version ${current}); reload and apply your change again`,
    { yourVersion: expected, currentVersion: current },
  );

export const programmeInvalidTransition = (from: string, action: string): DomainError =>
  new DomainError('conflict', 'PROGRAMME.INVALID_TRANSITION', `A ${from} programme cannot be ${action}`);

/** The ETag of a pending change's save: a `p` and its number, so it is never mistaken for the entry's own version. */
export const pendingTag = (version: number): string => `p${version}`;

export const pendingChangeNotFound = (): DomainError =>
  new DomainError('not_found', 'PENDING_CHANGE.NOT_FOUND', 'This programme has no pending change (it was published or discarded)');

export const pendingChangeOpen = (version: number): DomainError =>
  new DomainError(
    'conflict',
    'PENDING_CHANGE.OPEN',
    `This published programme has a pending change (ETag "${pendingTag(version)}"): change it with that If-Match, or publish or discard it first`,
    { pendingVersion: pendingTag(version) },
  );

export const pendingVersionConflict = (expected: string, current: string | null): DomainError =>
  new DomainError(
    'precondition_failed',
    'PENDING_CHANGE.VERSION_CONFLICT',
    current === null
      ? `The pending change you read ("${expected}") was published or discarded since; reload and apply your change again`
      : `The pending change was changed by someone else (you read "${expected}", it is now at "${current}"); reload and apply your change again`,
    { yourVersion: expected, currentVersion: current },
  );

export const pendingChangeConflicts = (fields: { path: string; label: string }[]): DomainError =>
  new DomainError(
    'conflict',
    'PENDING_CHANGE.CONFLICT',
    `The published entry changed since this pending change was made, in fields it changes too: ${fields.map((f) => f.label).join(', ')}. Choose a version of each first (POST …/pending-change/rebase)`,
    fields.map((f) => ({ field: f.path, messages: ['changed both in this pending change and in the published entry since it was made'] })),
  );

export const reviewRequired = (): DomainError =>
  new DomainError(
    'forbidden',
    'PENDING_CHANGE.REVIEW_REQUIRED',
    'A second editor must approve this change before it goes live, and you wrote it: ask a colleague to review and publish it',
  );

export const ownChange = (): DomainError =>
  new DomainError(
    'forbidden',
    'PENDING_CHANGE.OWN_CHANGE',
    'You wrote (part of) this change, so you cannot approve it: another editor must',
  );

export const organisationNotFound = (ref: string): DomainError =>
  new DomainError('not_found', 'ORGANISATION.NOT_FOUND', `No organisation ${ref}`);

export const organisationSlugTaken = (slug: string): DomainError =>
  new DomainError('conflict', 'ORGANISATION.SLUG_TAKEN', `The slug "${slug}" is already used by another organisation`, [
    { field: 'slug', messages: ['is already used by another organisation'] },
  ]);

export const organisationInUse = (slug: string, count: number): DomainError =>
  new DomainError('conflict', 'ORGANISATION.IN_USE', `Organisation "${slug}" provides ${count} programme(s); reassign them first`);

export const organisationVersionConflict = (): DomainError =>
  new DomainError(
    'precondition_failed',
    'ORGANISATION.VERSION_CONFLICT',
    'The organisation was changed by someone else; reload and apply your change again',
  );

export const termNotFound = (facet: string, code: string): DomainError =>
  new DomainError('not_found', 'TAXONOMY.NOT_FOUND', `No ${facet} "${code}" in the taxonomy`);

export const termCodeTaken = (facet: string, code: string): DomainError =>
  new DomainError('conflict', 'TAXONOMY.CODE_TAKEN', `The ${facet} "${code}" already exists`, [
    { field: 'code', messages: ['already exists'] },
  ]);

export const termInUse = (facet: string, code: string, count: number): DomainError =>
  new DomainError('conflict', 'TAXONOMY.IN_USE', `The ${facet} "${code}" is used by ${count} programme(s); remove it from them first`);

export const termVersionConflict = (): DomainError =>
  new DomainError(
    'precondition_failed',
    'TAXONOMY.VERSION_CONFLICT',
    'The term was changed by someone else; reload and apply your change again',
  );
