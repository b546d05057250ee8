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

  /**
   * Gives a shipped organisation the official site and contacts the catalogue knows, each only
   * where nobody has set one yet (an admin's value always stays); returns its id when anything was filled.
   */
  async fillContactsIfMissing(
    manager: EntityManager,
    slug: string,
    c: Pick<Organisation, 'url' | 'email' | 'phone' | 'addressRu' | 'addressEn'>,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `WITH filled AS (
         UPDATE organisation SET url = coalesce(url, $2), email = coalesce(email, $3), phone = coalesce(phone, $4),
                address_ru = coalesce(address_ru, $5), address_en = coalesce(address_en, $6), version = version + 1, updated_at = now()
          WHERE slug = $1 AND ((url IS NULL AND $2::text IS NOT NULL) OR (email IS NULL AND $3::text IS NOT NULL)
             OR (phone IS NULL AND $4::text IS NOT NULL) OR (address_ru IS NULL AND $5::text IS NOT NULL) OR (address_en IS NULL AND $6::text IS NOT NULL))
          RETURNING id)
       SELECT id FROM filled`,
      [slug, c.url, c.email, c.phone, c.addressRu, c.addressEn],
    );
    return rows[0]?.id ?? null;
  }

  async updateIfVersion(id: string, expectedVersion: number, changes: Partial<Organisation>, manager?: EntityManager): Promise<boolean> {
    const repo = manager ? manager.getRepository(Organisation) : this.organisations;
    const result = await repo
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
