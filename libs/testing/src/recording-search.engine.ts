import { EngineSettings, IndexedEntry, RebuildSource, SearchDocument, SearchEngine, SearchEngineUnavailableError } from '@app/search';
import type { EngineQuery, EngineResult } from '@app/search';

/**
 * An engine that holds its copy in memory and records what it was sent, for
 * testing the sync machinery (outbox, relay, reconcile, reindex) on a real
 * database. It does not search: the contract suite covers searching.
 */
export class RecordingSearchEngine extends SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly holdsCopy = true;
  readonly target = 'recording';
  readonly documents = new Map<string, SearchDocument>();
  readonly upserts: string[] = [];
  settings: EngineSettings | null = null;
  /** While set, every call fails as if the engine were down. */
  down = false;
  /** Documents with these ids are rejected (as an engine rejects a bad document). */
  readonly rejected = new Set<string>();
  /** Runs after a rebuild has read the catalogue and before it swaps (a change made meanwhile). */
  duringRebuild: (() => Promise<void>) | null = null;

  async documentCount(): Promise<number> {
    this.check();
    return this.documents.size;
  }

  async search(_query: EngineQuery): Promise<EngineResult> {
    throw new Error('RecordingSearchEngine does not search');
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.check();
    const bad = documents.find((d) => this.rejected.has(d.id));
    if (bad) throw new Error(`document ${bad.id} rejected`);
    for (const d of documents) {
      this.documents.set(d.id, d);
      this.upserts.push(d.id);
    }
  }

  async remove(ids: string[]): Promise<void> {
    this.check();
    for (const id of ids) this.documents.delete(id);
  }

  async applySettings(settings: EngineSettings): Promise<void> {
    this.check();
    this.settings = settings;
  }

  async *listIndexed(): AsyncIterable<IndexedEntry[]> {
    this.check();
    yield [...this.documents.values()].map((d) => ({ id: d.id, contentHash: d.contentHash }));
  }

  async rebuild(source: RebuildSource, settings: EngineSettings): Promise<void> {
    this.check();
    const fresh = new Map<string, SearchDocument>();
    for await (const batch of source.batches()) {
      for (const d of batch) fresh.set(d.id, d);
      source.onProgress(fresh.size);
    }
    await this.duringRebuild?.();
    this.documents.clear();
    for (const [id, d] of fresh) this.documents.set(id, d);
    this.settings = settings;
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    return { ok: !this.down };
  }

  private check(): void {
    if (this.down) throw new SearchEngineUnavailableError('engine is down (test)');
  }
}
