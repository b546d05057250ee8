import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * SQL functions and their triggers, each defined once in a file of its own beside this one
 * (`<name>.sql`). Migrations change tables; these files say what runs. After the migrations,
 * every definition whose text changed since it was last applied (or that was never applied
 * through this list) is applied again, and its checksum recorded in `schema_definition`, so
 * an existing database converges to the files and a reader of a file reads what runs.
 *
 * Listed in the order they can be created: a function before the functions and triggers that call it.
 */
export interface Definition {
  name: string;
  /** Run once after this definition changed (with any others asking the same): rows it computes are rewritten. */
  refresh?: string;
}

/** The PostgreSQL engine's index rows are computed by these: a change rewrites every published entry's rows. */
const REINDEX = `SELECT programme_search_upsert(p) FROM programme p WHERE p.publication_state = 'published' AND p.deleted_at IS NULL`;

export const DEFINITIONS: readonly Definition[] = [
  { name: 'search_fold', refresh: REINDEX },
  { name: 'programme_facts_text', refresh: REINDEX },
  { name: 'programme_status_rank', refresh: REINDEX },
  { name: 'search_version_bump' },
  { name: 'search_index_version' },
  { name: 'search_lexeme_collect' },
  { name: 'programme_search_count' },
  { name: 'programme_search_upsert', refresh: REINDEX },
  { name: 'programme_search_sync' },
];

export function definitionText(name: string): string {
  return readFileSync(join(__dirname, `${name}.sql`), 'utf8');
}

export function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Applies every definition whose text differs from the one recorded, in one transaction under
 * an advisory lock (two processes starting at once apply each change once). Returns the names applied.
 */
export async function applyDefinitions(dataSource: DataSource): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('schema_definition'))`);
    const rows: { name: string; checksum: string }[] = await manager.query(`SELECT name, checksum FROM schema_definition`);
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const changed: string[] = [];
    const refreshes = new Set<string>();
    for (const definition of DEFINITIONS) {
      const text = definitionText(definition.name);
      const sum = checksum(text);
      // a function a migration dropped is applied again even though its text did not change
      const [{ exists }]: { exists: boolean }[] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = $1) AS exists`,
        [definition.name],
      );
      if (exists && applied.get(definition.name) === sum) continue;
      await manager.query(text);
      await manager.query(
        `INSERT INTO schema_definition (name, checksum) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
        [definition.name, sum],
      );
      if (definition.refresh) refreshes.add(definition.refresh);
      changed.push(definition.name);
    }
    for (const refresh of refreshes) await manager.query(refresh);
    return changed;
  });
}
