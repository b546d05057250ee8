import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ProgrammeSuggestedUpdate } from './suggested-update.entity';

@Injectable()
export class SuggestedUpdateRepository {
  constructor(@InjectRepository(ProgrammeSuggestedUpdate) private readonly updates: Repository<ProgrammeSuggestedUpdate>) {}

  /** Records a suggestion once per programme and release; false when it was already there. */
  async insertIfAbsent(
    suggestion: Pick<ProgrammeSuggestedUpdate, 'programmeId' | 'release' | 'input' | 'changedFields'>,
  ): Promise<boolean> {
    const rows: unknown[] = await this.updates.query(
      `INSERT INTO programme_suggested_update (programme_id, release, input, changed_fields)
       VALUES ($1, $2, $3, $4) ON CONFLICT (programme_id, release) DO NOTHING RETURNING id`,
      [suggestion.programmeId, suggestion.release, JSON.stringify(suggestion.input), suggestion.changedFields],
    );
    return rows.length > 0;
  }

  listPendingForProgramme(programmeId: string): Promise<ProgrammeSuggestedUpdate[]> {
    return this.updates.find({ where: { programmeId, resolvedAt: IsNull() }, order: { release: 'DESC' } });
  }

  /** A pending suggestion, locked until the transaction ends (so two editors cannot both resolve it). */
  findPendingForUpdate(tx: EntityManager, id: string, programmeId: string): Promise<ProgrammeSuggestedUpdate | null> {
    return tx
      .getRepository(ProgrammeSuggestedUpdate)
      .createQueryBuilder('s')
      .where('s.id = :id AND s.programmeId = :programmeId AND s.resolvedAt IS NULL', { id, programmeId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Resolves this suggestion and any older pending ones for the programme (a newer release replaces them). */
  async resolve(tx: EntityManager, s: ProgrammeSuggestedUpdate, resolution: 'applied' | 'dismissed', by: string | null): Promise<void> {
    await tx
      .getRepository(ProgrammeSuggestedUpdate)
      .createQueryBuilder()
      .update()
      .set({ resolution, resolvedBy: by, resolvedAt: () => 'now()' })
      .where('programme_id = :programmeId AND release <= :release AND resolved_at IS NULL', {
        programmeId: s.programmeId,
        release: s.release,
      })
      .execute();
  }
}
