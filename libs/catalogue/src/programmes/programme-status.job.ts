import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import type { Actor } from '../catalogue.errors';
import { DependentRevisions } from './dependent-revisions';
import { ProgrammeRepository } from './programme.repository';

export const SYSTEM_STATUS: Actor = { id: null, label: 'system:status' };

/**
 * Scheduled: moves programmes to open / closed as their dates pass. Each move
 * is a new version with a revision, in the same transaction, so the change
 * feed, ETags and search all hear of it.
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
    const changed = await this.dataSource.transaction(async (tx) => {
      const ids = await this.programmes.refreshStatuses(tx, this.clock.now());
      await this.revisions.refresh(tx, ids, SYSTEM_STATUS);
      return ids.length;
    });
    if (changed) this.logger.log({ changed }, 'Programme statuses refreshed');
    return changed;
  }
}
