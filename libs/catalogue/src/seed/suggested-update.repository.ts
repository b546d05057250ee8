import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ProgrammeSuggestedUpdate } from './suggested-update.entity';

@Injectable()
export class SuggestedUpdateRepository {
  constructor(@InjectRepository(ProgrammeSuggestedUpdate) private readonly updates: Repository<ProgrammeSuggestedUpdate>) {}

  /** Records a suggestion once per programme and content; false when it was already there. */
  async insertIfAbsent(
    suggestion: Pick<ProgrammeSuggestedUpdate, 'programmeId' | 'contentHash' | 'input' | 'changedFields'>,
  ): Promise<boolean> {
    const rows: unknown[] = await this.updates.query(
      `INSERT INTO programme_suggested_update (programme_id, content_hash, input, changed_fields)
       VALUES ($1, $2, $3, $4) ON CONFLICT (programme_id, content_hash) DO NOTHING RETURNING id`,
      [suggestion.programmeId, suggestion.contentHash, JSON.stringify(suggestion.input), suggestion.changedFields],
    );
    return rows.length > 0;
  }

  listPendingForProgramme(programmeId: string): Promise<ProgrammeSuggestedUpdate[]> {
    return this.updates.find({ where: { programmeId, resolvedAt: IsNull() }, order: { createdAt: 'DESC', id: 'DESC' } });
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

  /** Resolves this suggestion and any older pending ones for the programme (a newer content replaces them). */
  async resolve(tx: EntityManager, s: ProgrammeSuggestedUpdate, resolution: 'applied' | 'dismissed', by: string | null): Promise<void> {
    await tx
      .getRepository(ProgrammeSuggestedUpdate)
      .createQueryBuilder()
      .update()
      .set({ resolution, resolvedBy: by, resolvedAt: () => 'now()' })
      // compared in the database: a JavaScript Date holds milliseconds, the column microseconds
      .where(
        'programme_id = :programmeId AND resolved_at IS NULL AND created_at <= (SELECT created_at FROM programme_suggested_update WHERE id = :id)',
        { programmeId: s.programmeId, id: s.id },
      )
      .execute();
  }

  /** Resolves every pending suggestion of a programme (its shipped content was written over it). */
  async resolveAll(tx: EntityManager, programmeId: string, resolution: 'applied' | 'dismissed'): Promise<void> {
    await tx.query(
      `UPDATE programme_suggested_update SET resolution = $2, resolved_at = now() WHERE programme_id = $1 AND resolved_at IS NULL`,
      [programmeId, resolution],
    );
  }
}
