import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist/apps/server/src/main.js');
export const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
export const CLI = join(ROOT, 'dist/apps/cli/src/main.js');

export interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

/** A built entry point as its own process, with only the environment given (plus PATH and HOME). */
export function run(script: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

export async function waitFor(running: Running, text: string, ms = 60_000): Promise<void> {
  const started = Date.now();
  while (!running.output().includes(text)) {
    if (Date.now() - started > ms) throw new Error(`Timed out waiting for "${text}"; output:\n${running.output()}`);
    if (running.child.exitCode !== null)
      throw new Error(`Exited (${running.child.exitCode}) before "${text}"; output:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
