import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import type { Actor } from '../catalogue.errors';
import { DependentRevisions } from './dependent-revisions';
import { deriveProgramme } from './programme.mapper';
import { ProgrammeRepository } from './programme.repository';

export const SYSTEM_STATUS: Actor = { id: null, label: 'system:status' };

/** Programmes recomputed per transaction. */
const BATCH = 500;

/**
 * Scheduled: as dates pass, rounds open and close (upcoming → open → closed) and key facts
 * become past terms (their amounts stop counting). Each programme whose moment has come
 * (`recheck_at`, set on every save) is recomputed by the same rule a save uses; one whose
 * public view changed gets a new version with a revision, in the same transaction, so the
 * change feed, ETags and search all hear of it. Two workers never take the same programme.
 */
@Injectable()
export class ProgrammeStatusJob {
  private readonly logger = new Logger(ProgrammeStatusJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammeRepository,
    private readonly revisions: DependentRevisions,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    const now = this.clock.now();
    let changed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        const ids = await this.programmes.claimDueForRecheck(tx, now, BATCH);
        if (!ids.length) return null;
        for (const p of await this.programmes.findManyIncludingDeleted(tx, ids)) {
          const next = { ...p };
          deriveProgramme(next, now, p);
          await this.programmes.writeDerived(tx, p.id, next);
        }
        return this.revisions.refresh(tx, ids, SYSTEM_STATUS);
      });
      if (batch === null) break;
      changed += batch;
    }
    if (changed) this.logger.log({ changed }, 'Programme statuses refreshed');
    return changed;
  }
}
