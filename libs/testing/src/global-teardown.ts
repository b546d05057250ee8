/** Stops the embedded PostgreSQL the setup started (its data directory is removed). */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __SN_PG__?: { stop(): Promise<void> } }).__SN_PG__?.stop();
}
