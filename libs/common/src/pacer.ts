import { createHash } from 'node:crypto';
import { setTimeout as rest } from 'node:timers/promises';

/**
 * For long background work on the event loop (reading and checking an import): call the returned
 * function between small steps. Once `sliceMs` have passed it rests as long as the process spent on
 * the CPU meanwhile (at most 4 slices), so CPU-bound work takes at most about half of the event loop
 * and a request waits at most about one slice. Time spent waiting on the database costs no CPU and
 * is not rested again: the event loop was free all along.
 */
export function pacer(sliceMs = 4): () => Promise<void> {
  let since = performance.now();
  let cpu = process.cpuUsage();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    const used = process.cpuUsage(cpu);
    await rest(Math.min((used.user + used.system) / 1000, 4 * sliceMs));
    since = performance.now();
    cpu = process.cpuUsage();
  };
}

/**
 * A text in pieces of about `size` UTF-16 units, for handing on a step at a time. A piece never ends
 * between the two halves of a character outside the BMP (an emoji): a lone half would be encoded as
 * U+FFFD, so the pieces would no longer spell the text.
 */
export function* textSlices(text: string, size: number): Generator<string> {
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    yield text.slice(at, end);
    at = end;
  }
}

/** The SHA-256 of a large text, hashed a megabyte at a time with the event loop free in between. */
export async function sha256Of(text: string): Promise<string> {
  const hash = createHash('sha256');
  const pace = pacer();
  for (const piece of textSlices(text, 1 << 20)) {
    hash.update(piece);
    await pace();
  }
  return hash.digest('hex');
}
