import { reportSkippedServers } from './skipped-servers';

/** Stops the embedded PostgreSQL the setup started and removes its files, and repeats which servers were missing. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __SN_PG__?: { close(): Promise<void> } }).__SN_PG__?.close();
  reportSkippedServers();
}
