import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../catalogue.errors';
import { changedPaths, mapProgramme, mapPublicProgramme, ruleInput } from './programme.mapper';
import { publishProblems } from './publish-rules';
import { publicParentOf, publicSnapshotView, readSnapshot, toSnapshot } from './programme-snapshot';
import { ProgrammeRepository } from './programme.repository';

/** Programmes brought up to date per statement: small enough for one lock set and one revision insert. */
const BATCH = 500;

/**
 * Keeps history and the change feed true when a programme's public view
 * changes without anyone editing it: its provider is renamed, its published
 * parent's slug changes or its parent is published, unpublished or deleted,
 * the status job moves it as dates pass. Each such programme gets a new
 * version and a `refresh` revision in the transaction that made the change,
 * so the feed emits it and its ETag moves. A programme whose public view is
 * the same as its last revision's (a taxonomy label change: views hold codes,
 * not labels; a draft parent renamed: the public never sees it) gets nothing.
 */
@Injectable()
export class DependentRevisions {
  constructor(private readonly programmes: ProgrammeRepository) {}

  /** Returns how many programmes got a revision. Call inside the transaction that changed what they show. */
  async refresh(tx: EntityManager, ids: string[], actor: Actor): Promise<number> {
    let refreshed = 0;
    for (let i = 0; i < ids.length; i += BATCH) refreshed += await this.refreshBatch(tx, ids.slice(i, i + BATCH), actor);
    return refreshed;
  }

  private async refreshBatch(tx: EntityManager, ids: string[], actor: Actor): Promise<number> {
    const locked = await this.programmes.lockLive(tx, ids);
    if (!locked.length) return 0;
    const current = await this.programmes.findManyIncludingDeleted(tx, locked);
    // what they show of others (a provider's contacts) can decide whether they can be published
    for (const p of current) {
      const problemCount = publishProblems(ruleInput(p)).length;
      if (problemCount !== p.problemCount) await this.programmes.writeProblemCount(tx, p.id, problemCount);
    }
    const last = await this.programmes.lastSnapshots(tx, locked);
    const changes = current.flatMap((p) => {
      const previous = last.get(p.id);
      const fields = previous ? changedPaths(publicSnapshotView(readSnapshot(previous)), mapPublicProgramme(p)) : ['*'];
      return fields.length ? [{ id: p.id, fields: previous ? fields : [] }] : [];
    });
    if (!changes.length) return 0;
    const changedIds = changes.map((c) => c.id);
    await this.programmes.bumpVersions(tx, changedIds);
    const saved = new Map((await this.programmes.findManyIncludingDeleted(tx, changedIds)).map((p) => [p.id, p]));
    await this.programmes.appendRevisions(
      tx,
      changes.map(({ id, fields }) => {
        const p = saved.get(id)!;
        return {
          programmeId: id,
          version: p.version,
          action: 'refresh' as const,
          actorId: actor.id,
          actorLabel: actor.label,
          changedFields: fields,
          snapshot: toSnapshot(mapProgramme(p), publicParentOf(p)),
        };
      }),
    );
    await this.programmes.enqueueSearchSync(tx, changedIds);
    return changes.length;
  }
}
