import type { EngineName, EngineQuery, EngineResult } from './search.model';
import type { SearchDocument } from './search-document';

/** What an engine needs besides documents: today the synonym groups admins maintain. */
export interface EngineSettings {
  synonyms: string[][];
}

export interface IndexedEntry {
  id: string;
  contentHash: string;
}

export interface RebuildSource {
  /** Published programmes as documents, in batches. */
  batches(): AsyncIterable<SearchDocument[]>;
  total: number;
  onProgress(done: number): void;
}

/** The engine could not be reached or did not answer in time; search falls back to PostgreSQL. */
export class SearchEngineUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SearchEngineUnavailableError';
  }
}

/**
 * The search port. The PostgreSQL engine reads the programme table itself, so
 * its write methods have nothing to do; an external engine holds a copy that
 * the outbox relay keeps current. Both answer the same `EngineQuery` the same
 * way, which one contract suite checks.
 */
export abstract class SearchEngine {
  abstract readonly name: EngineName;
  /** Whether documents must be sent to it (false when it reads the catalogue directly). */
  abstract readonly holdsCopy: boolean;

  abstract search(query: EngineQuery): Promise<EngineResult>;
  abstract upsert(documents: SearchDocument[]): Promise<void>;
  abstract remove(ids: string[]): Promise<void>;
  abstract applySettings(settings: EngineSettings): Promise<void>;
  /** Every document the engine holds, with the hash of the content it was sent. */
  abstract listIndexed(): AsyncIterable<IndexedEntry[]>;
  /** Builds a complete new index from `source` and swaps it in atomically. */
  abstract rebuild(source: RebuildSource, settings: EngineSettings): Promise<void>;
  abstract health(): Promise<{ ok: boolean; detail?: string }>;
  /** Where this engine's index lives (`postgres`, or the Meilisearch server and index): processes that differ here must not share an outbox. */
  abstract readonly target: string;
  /** How many documents the engine holds (what it would answer from). */
  abstract documentCount(): Promise<number>;
}
