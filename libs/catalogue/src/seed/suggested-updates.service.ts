import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { DomainError, type ExpectedVersion } from '@app/common';
import { AuditService } from '@app/identity';
import { Actor } from '../catalogue.errors';
import { UpdateProgrammeDto } from '../programmes/dto/programme-input.dto';
import type { ProgrammeView } from '../programmes/dto/programme-view.dto';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProgrammesService } from '../programmes/programmes.service';
import { SuggestedUpdateRepository } from './suggested-update.repository';

export interface SuggestedUpdateView {
  id: string;
  release: number;
  changedFields: string[];
  createdAt: string;
}

const suggestionNotFound = (id: string) =>
  new DomainError('not_found', 'SUGGESTED_UPDATE.NOT_FOUND', `No pending suggested update ${id} for this programme`);

/**
 * Suggested updates from the shipped catalogue, for entries an editor has
 * changed: the editor applies one (a normal, version-checked save) or dismisses it.
 */
@Injectable()
export class SuggestedUpdatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suggestions: SuggestedUpdateRepository,
    private readonly programmes: ProgrammesService,
    private readonly programmeRows: ProgrammeRepository,
    private readonly audit: AuditService,
  ) {}

  async listPending(programmeId: string): Promise<SuggestedUpdateView[]> {
    return (await this.suggestions.listPendingForProgramme(programmeId)).map((s) => ({
      id: s.id,
      release: s.release,
      changedFields: s.changedFields,
      createdAt: s.createdAt.toISOString(),
    }));
  }

  /** Saves the shipped release over the entry, if the editor's version is still current (412 otherwise). */
  apply(programmeId: string, suggestionId: string, expected: ExpectedVersion, actor: Actor): Promise<ProgrammeView> {
    return this.dataSource.transaction(async (tx) => {
      const suggestion = await this.suggestions.findPendingForUpdate(tx, suggestionId, programmeId);
      if (!suggestion) throw suggestionNotFound(suggestionId);
      const saved = await this.programmes.update(programmeId, expected, plainToInstance(UpdateProgrammeDto, suggestion.input), actor, tx);
      await this.programmeRows.setCatalogueRelease(tx, programmeId, suggestion.release);
      await this.suggestions.resolve(tx, suggestion, 'applied', actor.id);
      await this.audit.record(actor, 'programme.apply_update', `programme:${saved.slug}`, { release: suggestion.release }, tx);
      return saved;
    });
  }

  async dismiss(programmeId: string, suggestionId: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const suggestion = await this.suggestions.findPendingForUpdate(tx, suggestionId, programmeId);
      if (!suggestion) throw suggestionNotFound(suggestionId);
      await this.suggestions.resolve(tx, suggestion, 'dismissed', actor.id);
      await this.audit.record(actor, 'programme.dismiss_update', `programme:${programmeId}`, { release: suggestion.release }, tx);
    });
  }
}
