import { DataSource } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import type { ProgrammeView } from './dto/programme-view.dto';
import { ProgrammeRevision } from './programme-revision.entity';
import { Programme } from './programme.entity';
import { mapProgramme } from './programme.mapper';
import { ProgrammeRepository } from './programme.repository';

/** The entities a data source of its own needs to read published programmes (an export's worker thread has one). */
export const PUBLISHED_READ_ENTITIES = [Programme, Organisation, ProgrammeRevision];

/**
 * The published programmes among `ids` as the public API shows them, in the order of `ids`,
 * read through `dataSource` (not the app's): for work that runs apart from the site.
 */
export function publishedProgrammeReader(dataSource: DataSource): (ids: string[]) => Promise<ProgrammeView[]> {
  const repository = new ProgrammeRepository(dataSource.getRepository(Programme), dataSource.getRepository(ProgrammeRevision));
  return async (ids) => {
    const found = new Map((await repository.findPublishedByIds(ids)).map((p) => [p.id, mapProgramme(p)]));
    return ids.map((id) => found.get(id)).filter((v): v is ProgrammeView => v !== undefined);
  };
}
