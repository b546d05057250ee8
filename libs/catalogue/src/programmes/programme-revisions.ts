import { Injectable } from '@nestjs/common';
import { DomainError, type ExpectedVersion } from '@app/common';
import { toProgrammeInput, toRecord, type ProgrammeRecord } from '../transfer/programme-record';
import type { ProgrammeView } from './dto/programme-view.dto';
import type { Actor } from '../catalogue.errors';
import { ProgrammesService } from './programmes.service';

/**
 * Workflows over a programme's history, for the admin pages and the admin API
 * alike. Restoring saves an old revision's content as a new change, through the
 * same checks as any edit; the publication state stays as it is now.
 */
@Injectable()
export class ProgrammeRevisions {
  constructor(private readonly programmes: ProgrammesService) {}

  /** A revision's content as an editor sees it (the record format, without the publication state). */
  async content(id: string, version: number): Promise<Omit<ProgrammeRecord, 'publicationState'>> {
    const revision = (await this.programmes.listRevisions(id)).find((r) => r.version === version);
    if (!revision) throw new DomainError('not_found', 'PROGRAMME.REVISION_NOT_FOUND', `No version ${version} of this programme`);
    const { publicationState: _state, ...content } = toRecord(revision.snapshot!);
    return content;
  }

  async restore(id: string, version: number, expected: ExpectedVersion, actor: Actor): Promise<ProgrammeView> {
    const { dto, problems } = await toProgrammeInput((await this.content(id, version)) as unknown as Record<string, unknown>);
    if (problems.length) {
      throw new DomainError(
        'invalid',
        'VALIDATION_FAILED',
        'That revision no longer passes validation; edit the programme instead',
        problems,
      );
    }
    return this.programmes.update(id, expected, dto, actor);
  }
}
