import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProgrammeView } from './dto/programme-view.dto';
import type { ProgrammeStatus } from './programme-status';

/** What relatedness is judged by: what a programme gives, for what, to whom, by whom. */
export interface RelatedProfile {
  provider: string;
  supportTypes: string[];
  objectives: string[];
  industries: string[];
  applicantTypes: string[];
  stages: string[];
  status: ProgrammeStatus;
}

/** How rare each code is across the published catalogue: `weight(facet, code)`, higher for rarer. */
export type CodeWeight = (facet: 'supportTypes' | 'objectives' | 'industries', code: string) => number;

/** A candidate scoring below this is a weak match and never shown, however few others there are. */
export const RELATED_MIN_SCORE = 4;
/** …nor one scoring below this share of the best candidate's score. */
export const RELATED_MIN_SHARE = 0.4;

const shared = (a: string[], b: string[]): string[] => a.filter((x) => b.includes(x));
/** Both name whom they serve, and no one is named by both: they serve different businesses. */
const disjoint = (a: string[], b: string[]): boolean => a.length > 0 && b.length > 0 && shared(a, b).length === 0;
const jaccard = (a: string[], b: string[]): number => {
  const union = new Set([...a, ...b]).size;
  return union ? shared(a, b).length / union : 0;
};

/**
 * How related `other` is to `of`, or null when it is not: it must meet the same need (a support
 * type or an objective in common) for the same businesses (not two different industries, kinds of
 * applicant or company stages). Rare codes in common count for more than common ones ("a grant"
 * and "financing" are shared by half the catalogue); the same provider and shared industries add
 * to it; a programme taking applications is preferred, a closed one comes last.
 */
export function relatedScore(of: RelatedProfile, other: RelatedProfile, weight: CodeWeight): number | null {
  const supportTypes = shared(of.supportTypes, other.supportTypes);
  const objectives = shared(of.objectives, other.objectives);
  if (!supportTypes.length && !objectives.length) return null;
  if (disjoint(of.industries, other.industries) || disjoint(of.applicantTypes, other.applicantTypes) || disjoint(of.stages, other.stages))
    return null;
  const sum = (facet: Parameters<CodeWeight>[0], codes: string[]) => codes.reduce((total, code) => total + weight(facet, code), 0);
  const status =
    other.status === 'open' || other.status === 'standing'
      ? 1.5
      : other.status === 'upcoming'
        ? 0.75
        : other.status === 'closed'
          ? -1.5
          : 0;
  return (
    3 * sum('supportTypes', supportTypes) +
    2 * sum('objectives', objectives) +
    1.5 * sum('industries', shared(of.industries, other.industries)) +
    (of.provider === other.provider ? 2 : 0) +
    jaccard(of.applicantTypes, other.applicantTypes) +
    0.5 * jaccard(of.stages, other.stages) +
    status
  );
}

/** A related programme, as a programme page lists it. */
export interface RelatedProgramme {
  slug: string;
  title: { ru: string; en: string | null };
  provider: { ru: string; en: string | null };
  status: ProgrammeStatus;
  closesAt: string | null;
  score: number;
}

interface ProfileRow {
  id: string;
  slug: string;
  provider: string;
  status: ProgrammeStatus;
  supportTypes: string[];
  objectives: string[];
  industries: string[];
  applicantTypes: string[];
  stages: string[];
}

/**
 * Every published programme's profile, read once while nothing published changes: identical
 * profiles kept once (a programme is its slug and the index of its profile), each code's weight.
 */
interface ProfileIndex {
  slugs: string[];
  profiles: RelatedProfile[];
  profileOf: Uint32Array;
  weight: CodeWeight;
}

const BATCH = 5000;
/** Programmes whose related lists are kept, while nothing published changes. */
const KEPT = 2000;

/** Published programmes related to one (see relatedScore), best first. */
@Injectable()
export class RelatedProgrammesService {
  private index: { version: string; reading: Promise<ProfileIndex>; lists: Map<string, RelatedProgramme[]> } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The best `limit` related programmes; computed once per programme while nothing published changes. */
  async related(p: ProgrammeView, limit = 3): Promise<RelatedProgramme[]> {
    const [{ version }] = await this.dataSource.query<{ version: string }[]>(`SELECT search_index_version()::text AS version`);
    if (this.index?.version !== version) {
      const reading = this.read();
      this.index = { version, reading, lists: new Map() };
      // a failed read is not kept: the next request reads again
      reading.catch(() => {
        if (this.index?.reading === reading) this.index = null;
      });
    }
    const { reading, lists } = this.index;
    const key = `${p.slug}:${p.version}:${limit}`;
    const known = lists.get(key);
    if (known) return known;
    const list = await this.compute(p, await reading, limit);
    if (lists.size >= KEPT) lists.delete(lists.keys().next().value!);
    lists.set(key, list);
    return list;
  }

  private async compute(p: ProgrammeView, index: ProfileIndex, limit: number): Promise<RelatedProgramme[]> {
    const of: RelatedProfile = {
      provider: p.provider.slug,
      supportTypes: p.supportTypes,
      objectives: p.objectives,
      industries: p.industries,
      applicantTypes: p.applicantTypes,
      stages: p.stages,
      status: p.timing.status,
    };
    if (!of.supportTypes.length && !of.objectives.length) return [];
    // each distinct profile scored once
    const scores = index.profiles.map((profile) => relatedScore(of, profile, index.weight));
    const scored: { slug: string; score: number }[] = [];
    index.slugs.forEach((slug, i) => {
      const score = scores[index.profileOf[i]];
      if (score !== null && score >= RELATED_MIN_SCORE && slug !== p.slug) scored.push({ slug, score });
    });
    scored.sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
    const best = scored[0]?.score ?? 0;
    const chosen = scored.filter((c) => c.score >= best * RELATED_MIN_SHARE).slice(0, limit);
    if (!chosen.length) return [];
    const rows: {
      slug: string;
      titleRu: string;
      titleEn: string | null;
      providerRu: string;
      providerEn: string | null;
      status: ProgrammeStatus;
      closesAt: Date | null;
    }[] = await this.dataSource.query(
      `SELECT p.slug, p.title_ru AS "titleRu", p.title_en AS "titleEn", p.status, p.closes_at AS "closesAt",
              o.name_ru AS "providerRu", o.name_en AS "providerEn"
         FROM programme p JOIN organisation o ON o.id = p.provider_id
        WHERE p.slug = ANY($1::text[]) AND p.publication_state = 'published' AND p.deleted_at IS NULL`,
      [chosen.map((c) => c.slug)],
    );
    return chosen.flatMap(({ slug, score }) => {
      const r = rows.find((row) => row.slug === slug);
      return r
        ? [
            {
              slug,
              title: { ru: r.titleRu, en: r.titleEn },
              provider: { ru: r.providerRu, en: r.providerEn },
              status: r.status,
              closesAt: r.closesAt?.toISOString() ?? null,
              score,
            },
          ]
        : [];
    });
  }

  /** Every published programme's codes, a batch at a time, and how rare each code is among them (inverse document frequency). */
  private async read(): Promise<ProfileIndex> {
    const slugs: string[] = [];
    const profiles: RelatedProfile[] = [];
    const known = new Map<string, number>();
    const profileOf: number[] = [];
    const df = new Map<string, number>();
    for (let after: string | null = null; ;) {
      const rows: ProfileRow[] = await this.dataSource.query(
        `SELECT p.id, p.slug, o.slug AS provider, p.status, p.support_types AS "supportTypes", p.objectives, p.industries,
                p.applicant_types AS "applicantTypes", p.stages
           FROM programme p JOIN organisation o ON o.id = p.provider_id
          WHERE p.publication_state = 'published' AND p.deleted_at IS NULL AND ($1::uuid IS NULL OR p.id > $1::uuid)
          ORDER BY p.id LIMIT $2`,
        [after, BATCH],
      );
      for (const { id: _id, slug, ...profile } of rows) {
        const key = JSON.stringify(profile);
        let at = known.get(key);
        if (at === undefined) {
          at = profiles.push(profile) - 1;
          known.set(key, at);
        }
        profileOf.push(at);
        slugs.push(slug);
        for (const facet of ['supportTypes', 'objectives', 'industries'] as const)
          for (const code of profile[facet]) df.set(`${facet}:${code}`, (df.get(`${facet}:${code}`) ?? 0) + 1);
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    const total = Math.max(1, slugs.length);
    const weight: CodeWeight = (facet, code) => Math.log(1 + total / Math.max(1, df.get(`${facet}:${code}`) ?? 1));
    return { slugs, profiles, profileOf: Uint32Array.from(profileOf), weight };
  }
}
