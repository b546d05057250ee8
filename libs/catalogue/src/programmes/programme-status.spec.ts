import { deriveStatus } from './programme-status';
import { changedPaths } from './programme.mapper';

describe('deriveStatus', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  const before = new Date('2026-06-01T00:00:00Z');
  const after = new Date('2026-07-01T00:00:00Z');

  it.each([
    ['no dates at all', null, null, 'ongoing'],
    ['opened, no deadline', before, null, 'ongoing'],
    ['opens later, no deadline', after, null, 'upcoming'],
    ['opened, deadline ahead', before, after, 'open'],
    ['no opening date, deadline ahead', null, after, 'open'],
    ['deadline passed', null, before, 'closed'],
    ['opens later with a deadline', after, new Date('2026-08-01T00:00:00Z'), 'upcoming'],
    ['deadline exactly now', null, now, 'closed'],
    ['opens exactly now', now, after, 'open'],
  ])('%s → %s', (_label, opensAt, closesAt, expected) => {
    expect(deriveStatus(opensAt, closesAt, now)).toBe(expected);
  });
});

describe('changedPaths', () => {
  it('names the nested fields that differ and ignores bookkeeping fields', () => {
    const a = { title: { ru: 'А', en: null }, supportTypes: ['x'], version: 1, updatedAt: 't1', benefit: { amountMin: null } };
    const b = { title: { ru: 'Б', en: null }, supportTypes: ['x', 'y'], version: 2, updatedAt: 't2', benefit: { amountMin: 5 } };
    expect(changedPaths(a, b).sort()).toEqual(['benefit.amountMin', 'supportTypes', 'title.ru']);
  });

  it('is empty for equal snapshots', () => {
    expect(changedPaths({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toEqual([]);
  });
});
