import { loadConfig } from '@app/config';
import type { RateLimitStore } from '@app/identity';
import { ExportBudget } from './export-budget';

const client = (tracker: string) => ({ kind: 'anonymous' as const, tracker, label: tracker });

describe('export slots', () => {
  it('runs a few exports per server and one per client at a time, and frees a slot once however the export ends', () => {
    const budget = new ExportBudget({} as RateLimitStore, loadConfig({ EXPORTS_AT_ONCE: '2', EXPORTS_PER_CLIENT: '1' }));
    const a = budget.acquire(client('a'));
    expect(() => budget.acquire(client('a'))).toThrow(expect.objectContaining({ code: 'EXPORT.BUSY' }));
    const b = budget.acquire(client('b'));
    expect(() => budget.acquire(client('c'))).toThrow(/on this server/);
    a();
    a(); // released twice (the response closed, then the handler ended): counted once
    const c = budget.acquire(client('c'));
    expect(() => budget.acquire(client('d'))).toThrow(/on this server/);
    b();
    c();
    expect(() => budget.acquire(client('a'))).not.toThrow();
  });
});
