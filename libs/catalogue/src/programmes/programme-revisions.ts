import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { toProgrammeInput, toRecord, type ProgrammeRecord } from '../transfer/programme-record';
import type { Actor } from '../catalogue.errors';
import { ProgrammesService } from './programmes.service';
import { PendingChangesService, type EditOutcome, type WorkingVersion } from './pending-changes.service';

/**
 * Workflows over a programme's history, for the admin pages and the admin API
 * alike. Restoring saves an old revision's content as a new change, through the
 * same checks as any edit (for a published entry, as a pending change to publish); the
 * publication state stays as it is now.
 */
@Injectable()
export class ProgrammeRevisions {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly pending: PendingChangesService,
  ) {}

  /** A revision's content as an editor sees it (the record format, without the publication state). */
  async content(id: string, version: number): Promise<Omit<ProgrammeRecord, 'publicationState'>> {
    const revision = (await this.programmes.listRevisions(id)).find((r) => r.version === version);
    if (!revision) throw new DomainError('not_found', 'PROGRAMME.REVISION_NOT_FOUND', `No version ${version} of this programme`);
    const { publicationState: _state, ...content } = toRecord(revision.snapshot!);
    return content;
  }

  /** For a published entry the old content becomes (or replaces the content of) its pending change: restoring never goes live by itself. */
  async restore(id: string, version: number, expected: WorkingVersion, actor: Actor): Promise<EditOutcome> {
    const { dto, problems } = await toProgrammeInput((await this.content(id, version)) as unknown as Record<string, unknown>);
    if (problems.length) {
      throw new DomainError(
        'invalid',
        'VALIDATION_FAILED',
        'That revision no longer passes validation; edit the programme instead',
        problems,
      );
    }
    return this.pending.edit(id, expected, dto, actor);
  }
}
