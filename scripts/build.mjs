// npm run build: compile apps/, libs/ and scripts/ with SWC into a folder of this build's own
// (.builds/tmp-<id>), then, holding a short lock, rename it to .builds/<id> and point `dist` at it
// by renaming a new symbolic link over the old one: rename(2) replaces it in one step, so a start
// (or the CLI) sees either the previous complete build or this one, never a half-written folder.
// Two builds at once never share a folder; the newer one ends up in `dist`. The two builds before
// it are kept (a process started with plain `node dist/…` reads the folder it started from),
// older ones are removed; `npm start` and `npm run cli` read through the link
// (--preserve-symlinks), so they always read the newest. Plain Node, no dependencies.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const BUILDS = '.builds';
/** Finished builds kept besides the one `dist` names. */
const KEEP_PREVIOUS = 2;
const DIST = 'dist';
const LOCK = join(BUILDS, 'swap.lock');
// sorts in the order builds started (fixed-width base 36 of the time), then by process
const id = `${Date.now().toString(36).padStart(10, '0')}-${String(process.pid).padStart(7, '0')}`;
const tmp = join(BUILDS, `tmp-${id}`);
const finished = join(BUILDS, id);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

mkdirSync(BUILDS, { recursive: true });
const swc = createRequire(import.meta.url).resolve('@swc/cli/bin/swc.js');
const compiled = spawnSync(
  process.execPath,
  [
    swc,
    'apps',
    'libs',
    'scripts',
    '-d',
    tmp,
    '--copy-files',
    '--ignore',
    '**/*.spec.ts',
    '--ignore',
    '**/*.int-spec.ts',
    '--ignore',
    '**/*.d.ts',
    '--quiet',
  ],
  { stdio: 'inherit' },
);
if (compiled.status !== 0) {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(compiled.status ?? 1);
}

/** The swap and the tidying run one build at a time: a directory made with mkdir is the lock (stale when its owner died). */
async function withLock(work) {
  for (let waited = 0; ; waited += 50) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
      } catch {
        /* being created or removed */
      }
      if ((owner && !alive(owner)) || waited > 60_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** The build `dist` names now (null when there is none, or `dist` is an old-style folder). */
function current() {
  try {
    return lstatSync(DIST).isSymbolicLink() ? readlinkSync(DIST).split('/').pop() : null;
  } catch {
    return null;
  }
}

await withLock(() => {
  renameSync(tmp, finished);
  const now = current();
  if (now === null || now < id) {
    const link = `${DIST}.link-${id}`;
    symlinkSync(finished, link, 'dir');
    // a checkout built before builds had folders of their own has a real dist folder: move it aside first
    try {
      if (!lstatSync(DIST).isSymbolicLink()) renameSync(DIST, join(BUILDS, `legacy-${id}`));
    } catch {
      /* no dist yet */
    }
    renameSync(link, DIST);
  }
  // what dist names and the newest few besides; leftovers of builds that died; never a build still compiling
  const names = readdirSync(BUILDS);
  const keep = new Set([
    current(),
    ...names
      .filter((n) => /^[0-9a-z]{10}-\d{7}$/.test(n) && n !== current())
      .sort()
      .reverse()
      .slice(0, KEEP_PREVIOUS),
  ]);
  for (const name of names) {
    if (keep.has(name) || name === 'swap.lock') continue;
    const building = /^tmp-[0-9a-z]+-0*(\d+)$/.exec(name);
    if (building && alive(Number(building[1]))) continue;
    rmSync(join(BUILDS, name), { recursive: true, force: true });
  }
});
