import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { Organisation } from '../organisations/organisation.entity';
import { Programme } from '../programmes/programme.entity';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { SYNTHETIC_PROVIDERS, SYNTHETIC_SLUG_PREFIX, syntheticProgramme } from './synthetic-catalogue';

const CHUNK = 1000;

export interface SyntheticReport {
  removed: number;
  created: number;
  published: number;
}

/**
 * Replaces the synthetic part of the catalogue with `count` deterministic
 * programmes (benchmarks only). Rows go in by the thousand, and every change is
 * announced to search through the outbox in the same transaction.
 */
@Injectable()
export class SyntheticCatalogueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  async generate(count: number, seed: number, onProgress: (done: number) => void = () => undefined): Promise<SyntheticReport> {
    const now = this.clock.now();
    const removed = await this.dataSource.transaction(async (tx) => {
      const gone: { id: string }[] = await tx.query(
        `WITH gone AS (DELETE FROM programme WHERE slug LIKE $1 RETURNING id) SELECT id FROM gone`,
        [`${SYNTHETIC_SLUG_PREFIX}%`],
      );
      if (gone.length)
        await this.programmes.enqueueSearchSync(
          tx,
          gone.map((g) => g.id),
        );
      await tx
        .createQueryBuilder()
        .insert()
        .into(Organisation)
        .values(SYNTHETIC_PROVIDERS.map((p) => ({ slug: p.slug, nameRu: p.nameRu, nameEn: p.nameEn })))
        .orIgnore()
        .execute();
      return gone.length;
    });
    const providerIds = (await this.dataSource.getRepository(Organisation).find({ select: { id: true }, order: { slug: 'ASC' } })).map(
      (o) => o.id,
    );
    let published = 0;
    for (let start = 0; start < count; start += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => syntheticProgramme(seed, start + i, providerIds, now));
      published += rows.filter((r) => r.publicationState === 'published').length;
      await this.dataSource.transaction(async (tx) => {
        const result = await tx.getRepository(Programme).insert(rows);
        await this.programmes.enqueueSearchSync(
          tx,
          result.identifiers.map((r) => (r as { id: string }).id),
        );
      });
      onProgress(start + rows.length);
    }
    // fresh statistics, or the planner keeps planning for the catalogue as it was
    await this.dataSource.query('ANALYZE programme');
    return { removed, created: count, published };
  }
}
