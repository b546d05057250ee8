import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pacer, sha256Of } from './pacer';

/** Busy work of about `ms` milliseconds. */
const spin = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('pacer', () => {
  it('lets timers run within about a slice during long work, and takes at most about half of the event loop', async () => {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const pace = pacer(4);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const started = performance.now();
    let worked = 0;
    while (performance.now() - started < 400) {
      spin(0.5);
      worked += 0.5;
      await pace();
    }
    clearInterval(ticker);
    delay.disable();
    // a step of work never holds the loop much past its slice (the bare loop would hold it 400 ms)
    expect(delay.max / 1e6).toBeLessThan(50);
    expect(ticks).toBeGreaterThan(20);
    expect(worked).toBeLessThan(400 * 0.75);
  });

  it('rests for the CPU time taken, not for time spent waiting (on the database)', async () => {
    const pace = pacer(4);
    const started = performance.now();
    // 30 steps of 10 ms waiting each: every step passes a slice, but the process hardly used the CPU
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await pace();
    }
    const waited = performance.now() - started;
    // resting as long as each slice's wall time would double it (600 ms and more)
    expect(waited).toBeLessThan(30 * 10 * 1.5);
  });

  it('does not rest while a slice is not yet used up', async () => {
    const pace = pacer(1000);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) await pace();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('sha256Of', () => {
  it('hashes a text of several megabytes as one update would', async () => {
    const text = 'żółw,'.repeat(700_000);
    expect(await sha256Of(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('never splits a character outside the BMP between two steps', async () => {
    // an emoji is two UTF-16 units: one at 2^20 - 1 and 2^20 would be cut in half by a slice at 2^20
    const text = `${'a'.repeat((1 << 20) - 1)}${'😀'.repeat(3)}`;
    expect(await sha256Of(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
