import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Organisation } from './organisation.entity';

@Injectable()
export class OrganisationRepository {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  listAll(): Promise<Organisation[]> {
    return this.organisations.find({ order: { nameRu: 'ASC' } });
  }

  findBySlug(slug: string, manager?: EntityManager): Promise<Organisation | null> {
    const repo = manager ? manager.getRepository(Organisation) : this.organisations;
    return repo.findOne({ where: { slug } });
  }

  async insert(organisation: Partial<Organisation>): Promise<Organisation> {
    const result = await this.organisations.insert(organisation);
    return this.organisations.findOneOrFail({ where: { id: (result.identifiers[0] as { id: string }).id } });
  }

  /** Inserts unless the slug exists; returns whether it inserted. */
  async insertIfAbsent(organisation: Partial<Organisation>): Promise<boolean> {
    const result = await this.organisations.createQueryBuilder().insert().values(organisation).orIgnore().execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Gives a shipped organisation its official site where nobody has set one yet. */
  async fillUrlIfMissing(slug: string, url: string): Promise<boolean> {
    const result = await this.organisations
      .createQueryBuilder()
      .update()
      .set({ url, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('slug = :slug AND url IS NULL', { slug })
      .execute();
    return result.affected === 1;
  }

  async updateIfVersion(id: string, expectedVersion: number, changes: Partial<Organisation>): Promise<boolean> {
    const result = await this.organisations
      .createQueryBuilder()
      .update()
      .set({ ...changes, version: expectedVersion + 1, updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  async remove(id: string): Promise<void> {
    await this.organisations.delete({ id });
  }
}
