// npm run dev: build, start the server, and on every change under apps/ or libs/ rebuild and restart it.
// The embedded PostgreSQL keeps its data in .data/ across restarts. Plain Node: fs.watch is recursive on
// Linux, macOS and Windows since Node 20, so no watcher library is needed. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';

const SERVER = 'dist/apps/server/src/main.js';
let server = null;
let timer = null;
let stopping = false;

const build = () => spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status === 0;

function start() {
  // dist is a link to the newest complete build: read through it, so a later build's files are the ones read
  server = spawn(process.execPath, ['--enable-source-maps', '--preserve-symlinks', '--preserve-symlinks-main', SERVER], {
    stdio: 'inherit',
  });
  server.on('exit', () => (server = null));
}

async function stop() {
  if (!server) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

async function restart() {
  process.stdout.write('\n[dev] change seen: rebuilding\n');
  // a failed build leaves the running server as it was
  if (!build()) return;
  await stop();
  start();
}

if (!build()) process.exit(1);
start();
for (const dir of ['apps', 'libs']) {
  watch(dir, { recursive: true }, (_event, file) => {
    if (!file || /\.(spec|int-spec|e2e-spec)\.ts$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void restart(), 300);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(0);
  });
}
