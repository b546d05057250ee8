import { Injectable } from '@nestjs/common';
import { type ExpectedVersion, versionMatches } from '@app/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database';
import {
  type Actor,
  organisationInUse,
  organisationNotFound,
  organisationSlugTaken,
  organisationVersionConflict,
} from '../catalogue.errors';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { DependentRevisions } from '../programmes/dependent-revisions';
import type { CreateOrganisationDto, OrganisationView, UpdateOrganisationDto } from './dto/organisation.dto';
import type { Organisation } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';

export const mapOrganisation = (o: Organisation): OrganisationView => ({
  id: o.id,
  slug: o.slug,
  name: { ru: o.nameRu, en: o.nameEn },
  url: o.url,
  email: o.email,
  phone: o.phone,
  address: { ru: o.addressRu, en: o.addressEn },
  version: o.version,
});

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dependents: DependentRevisions,
    private readonly organisations: OrganisationRepository,
    private readonly programmes: ProgrammeRepository,
  ) {}

  async list(): Promise<OrganisationView[]> {
    return (await this.organisations.listAll()).map(mapOrganisation);
  }

  async get(slug: string): Promise<OrganisationView> {
    const o = await this.organisations.findBySlug(slug);
    if (!o) throw organisationNotFound(`"${slug}"`);
    return mapOrganisation(o);
  }

  async create(input: CreateOrganisationDto): Promise<OrganisationView> {
    try {
      const o = await this.organisations.insert({
        slug: input.slug,
        nameRu: input.name.ru,
        nameEn: input.name.en ?? null,
        url: input.url ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        addressRu: input.address?.ru ?? null,
        addressEn: input.address?.en ?? null,
      });
      return mapOrganisation(o);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw organisationSlugTaken(input.slug);
      throw error;
    }
  }

  /** Saves the change and, in the same transaction, gives every programme that shows this provider a revision (the change feed carries it). */
  async update(slug: string, expected: ExpectedVersion, input: UpdateOrganisationDto, actor: Actor): Promise<OrganisationView> {
    const current = await this.organisations.findBySlug(slug);
    if (!current) throw organisationNotFound(`"${slug}"`);
    if (!versionMatches(expected, current.version)) throw organisationVersionConflict();
    const changes: Partial<Organisation> = {};
    if (input.name) {
      changes.nameRu = input.name.ru;
      changes.nameEn = input.name.en ?? null;
    }
    if (input.url !== undefined) changes.url = input.url;
    if (input.email !== undefined) changes.email = input.email;
    if (input.phone !== undefined) changes.phone = input.phone;
    if (input.address?.ru !== undefined) changes.addressRu = input.address.ru;
    if (input.address?.en !== undefined) changes.addressEn = input.address.en;
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.organisations.updateIfVersion(current.id, current.version, changes, tx))) throw organisationVersionConflict();
      await this.dependents.refresh(tx, await this.programmes.idsByProvider(tx, current.id), actor);
    });
    return this.get(slug);
  }

  async remove(slug: string, expected: ExpectedVersion): Promise<void> {
    const current = await this.organisations.findBySlug(slug);
    if (!current) throw organisationNotFound(`"${slug}"`);
    if (!versionMatches(expected, current.version)) throw organisationVersionConflict();
    const count = await this.programmes.countByProvider(current.id);
    if (count > 0) throw organisationInUse(slug, count);
    await this.organisations.remove(current.id);
  }
}
