import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { AuditService } from '@app/identity';
import { Actor } from '../catalogue.errors';
import { UpdateProgrammeDto } from '../programmes/dto/programme-input.dto';
import { PendingChangesService, type EditOutcome, type WorkingVersion } from '../programmes/pending-changes.service';
import { SuggestedUpdateRepository } from './suggested-update.repository';

export interface SuggestedUpdateView {
  id: string;
  /** The hash of the shipped file's content it would apply. */
  contentHash: string;
  /** Numbered releases came before the catalogue was released by content: null for newer suggestions. */
  release: number | null;
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
    private readonly pending: PendingChangesService,
    private readonly audit: AuditService,
  ) {}

  async listPending(programmeId: string): Promise<SuggestedUpdateView[]> {
    return (await this.suggestions.listPendingForProgramme(programmeId)).map((s) => ({
      id: s.id,
      contentHash: s.contentHash,
      release: s.release,
      changedFields: s.changedFields,
      createdAt: s.createdAt.toISOString(),
    }));
  }

  /**
   * Saves the shipped release over the entry, if the editor's version is still current (412
   * otherwise): a draft at once, a published entry as (part of) its pending change, whose
   * publication then records the shipped content as the entry's.
   */
  apply(programmeId: string, suggestionId: string, expected: WorkingVersion, actor: Actor): Promise<EditOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const suggestion = await this.suggestions.findPendingForUpdate(tx, suggestionId, programmeId);
      if (!suggestion) throw suggestionNotFound(suggestionId);
      const outcome = await this.pending.edit(
        programmeId,
        expected,
        plainToInstance(UpdateProgrammeDto, suggestion.input),
        actor,
        { catalogueHash: suggestion.contentHash },
        tx,
      );
      await this.suggestions.resolve(tx, suggestion, 'applied', actor.id);
      const slug = outcome.kind === 'live' ? outcome.programme.slug : outcome.change.slug;
      await this.audit.record(actor, 'programme.apply_update', `programme:${slug}`, { contentHash: suggestion.contentHash }, tx);
      return outcome;
    });
  }

  async dismiss(programmeId: string, suggestionId: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const suggestion = await this.suggestions.findPendingForUpdate(tx, suggestionId, programmeId);
      if (!suggestion) throw suggestionNotFound(suggestionId);
      await this.suggestions.resolve(tx, suggestion, 'dismissed', actor.id);
      await this.audit.record(actor, 'programme.dismiss_update', `programme:${programmeId}`, { contentHash: suggestion.contentHash }, tx);
    });
  }
}
