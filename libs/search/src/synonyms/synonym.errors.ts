import { DomainError } from '@app/common';

export const synonymNotFound = (id: string): DomainError => new DomainError('not_found', 'SYNONYM.NOT_FOUND', `No synonym group ${id}`);

export const synonymVersionConflict = (expected: number, current: number): DomainError =>
  new DomainError(
    'precondition_failed',
    'SYNONYM.VERSION_CONFLICT',
    `The synonym group was changed by someone else (you edited version ${expected}, it is now at version ${current}); reload and apply your change again`,
    { yourVersion: expected, currentVersion: current },
  );

export const synonymTermTaken = (term: string): DomainError =>
  new DomainError('conflict', 'SYNONYM.TERM_TAKEN', `"${term}" already belongs to another synonym group`, [
    { field: 'terms', messages: [`"${term}" already belongs to another synonym group`] },
  ]);
