import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/common';
import { ProgrammeRepository } from './programme.repository';

/** Scheduled: moves programmes to open / closed as their dates pass. */
@Injectable()
export class ProgrammeStatusJob {
  private readonly logger = new Logger(ProgrammeStatusJob.name);

  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    const changed = await this.programmes.refreshStatuses(this.clock.now());
    if (changed.length) this.logger.log({ changed: changed.length }, 'Programme statuses refreshed');
    return changed.length;
  }
}
