import { definitionText } from '@app/database';
import { deriveTiming, NOT_CONFIRMED, PROGRAMME_STATUSES, roundFromDates, STATUS_RANK } from './programme-status';
import { changedPaths } from './programme.mapper';
import type { Availability } from './programme.types';

describe('deriveTiming: the status comes from the availability its sources give', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  const iso = (d: string) => new Date(d).toISOString();
  const rounds = (...r: [string | null, string | null][]): Availability => ({
    ...NOT_CONFIRMED,
    kind: 'rounds',
    rounds: r.map(([opensAt, closesAt]) => ({ opensAt: opensAt && iso(opensAt), closesAt: closesAt && iso(closesAt), source: 's1' })),
  });

  it('is never open by default: no source, not confirmed', () => {
    expect(deriveTiming(NOT_CONFIRMED, now)).toEqual({ status: 'not_confirmed', opensAt: null, closesAt: null, changesAt: null });
    expect(deriveTiming({ ...NOT_CONFIRMED, kind: 'rounds', rounds: [] }, now).status).toBe('not_confirmed');
    expect(deriveTiming(roundFromDates(null, null), now).status).toBe('not_confirmed');
  });

  it('standing and closed say what their source says, whatever the date', () => {
    expect(deriveTiming({ ...NOT_CONFIRMED, kind: 'standing', source: 's1' }, now).status).toBe('standing');
    expect(deriveTiming({ ...NOT_CONFIRMED, kind: 'closed', source: 's1', asOf: '2026-01-01' }, now).status).toBe('closed');
  });

  it.each([
    ['a round running', [['2026-06-01', '2026-07-01']], 'open', '2026-06-01', '2026-07-01', '2026-07-01'],
    ['an open-ended round already open', [['2026-06-01', null]], 'open', '2026-06-01', null, null],
    ['a round with only a deadline ahead', [[null, '2026-07-01']], 'open', null, '2026-07-01', '2026-07-01'],
    ['a round to come', [['2026-07-01', '2026-08-01']], 'upcoming', '2026-07-01', '2026-08-01', '2026-07-01'],
    ['every round over', [['2026-01-01', '2026-02-01']], 'closed', '2026-01-01', '2026-02-01', null],
    ['closing exactly now', [[null, '2026-06-15T12:00:00Z']], 'closed', null, '2026-06-15T12:00:00Z', null],
    ['opening exactly now', [['2026-06-15T12:00:00Z', '2026-07-01']], 'open', '2026-06-15T12:00:00Z', '2026-07-01', '2026-07-01'],
    [
      'the soonest of two running rounds decides the deadline',
      [
        ['2026-06-01', '2026-09-01'],
        ['2026-06-10', '2026-06-20'],
      ],
      'open',
      '2026-06-10',
      '2026-06-20',
      '2026-06-20',
    ],
    [
      'after one round, the next one to come',
      [
        ['2026-01-01', '2026-02-01'],
        ['2026-09-01', '2026-10-01'],
      ],
      'upcoming',
      '2026-09-01',
      '2026-10-01',
      '2026-09-01',
    ],
  ] as const)('%s', (_label, r, status, opensAt, closesAt, changesAt) => {
    const t = deriveTiming(rounds(...(r as unknown as [string | null, string | null][])), now);
    expect({ status: t.status, opensAt: t.opensAt?.toISOString() ?? null, closesAt: t.closesAt?.toISOString() ?? null }).toEqual({
      status,
      opensAt: opensAt && iso(opensAt),
      closesAt: closesAt && iso(closesAt),
    });
    expect(t.changesAt?.toISOString() ?? null).toBe(changesAt && iso(changesAt));
  });

  it('an older entry’s two dates are one round with no source yet', () => {
    expect(roundFromDates(new Date('2026-01-01T00:00:00Z'), null)).toMatchObject({
      kind: 'rounds',
      rounds: [{ opensAt: '2026-01-01T00:00:00.000Z', closesAt: null, source: null }],
    });
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

describe('the open-first order', () => {
  it('is the same in TypeScript (Meilisearch) and in SQL (PostgreSQL)', () => {
    const sql = definitionText('programme_status_rank');
    const ranks = Object.fromEntries([...sql.matchAll(/WHEN '([a-z_]+)' THEN (\d)/g)].map((m) => [m[1], Number(m[2])]));
    const closed = Number(/ELSE (\d)/.exec(sql)?.[1]);
    for (const status of PROGRAMME_STATUSES)
      expect({ status, rank: ranks[status] ?? closed }).toEqual({ status, rank: STATUS_RANK[status] });
  });
});
