import type { ProgrammeView } from './dto/programme-view.dto';
import { getPath, normaliseValue, PROGRAMME_FIELDS, setPath, type DescribedValues, type ProgrammeField } from './programme-fields';
import { deriveTiming, roundFromDates, type ProgrammeStatus, type PublicationState } from './programme-status';
import type { LocalisedText, OptionalLocalisedText } from './programme.types';
import type { Programme } from './programme.entity';
import { publishProblems } from './publish-rules';
import { likelyKind } from './official-sites';

/** The shape revisions are written in now; older ones are upgraded when read. */
export const SNAPSHOT_SCHEMA = 3;

/**
 * A programme as a revision stores it: its own type, versioned by `schema`, so
 * that the API view can change without changing stored history or the change
 * feed. Schema 2 lays the described fields out as their paths say (as the
 * record does), with the entry's identity, its derived values and its
 * timestamps around them. `slug` and `publicationState` sit at the top: the
 * change feed's SQL reads them there.
 */
export type ProgrammeSnapshot = {
  schema: typeof SNAPSHOT_SCHEMA;
  id: string;
  slug: string;
  title: LocalisedText;
  summary: LocalisedText;
  provider: {
    slug: string;
    name: LocalisedText;
    url: string | null;
    email: string | null;
    phone: string | null;
    address: OptionalLocalisedText;
  };
  /** The parent's slug, as editors see it (a draft parent included). */
  parent: string | null;
  /**
   * The parent as the public saw it: its slug while it was published, else null. Absent in
   * snapshots written before it existed, whose `parent` is what the public saw then.
   */
  publicParent?: string | null;
  /** Derived on save: the date status and the sources' dates. */
  derived: { status: ProgrammeStatus; newestSourceOn: string | null; lastCheckedOn: string | null };
  publicationState: PublicationState;
  publishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
} & DescribedValues<'view'>;

/**
 * The parent a programme shows the public: its slug only while that parent is published (and not
 * deleted). A draft or archived parent is no one's business outside the admin area.
 */
export const publicParentOf = (p: Programme): string | null =>
  p.parent && p.parent.publicationState === 'published' && !p.parent.deletedAt ? p.parent.slug : null;

/** The snapshot of a programme as just saved; `publicParent`: its parent's slug if the parent is public (see publicParentOf). */
export function toSnapshot(v: ProgrammeView, publicParent: string | null): ProgrammeSnapshot {
  const s: Record<string, unknown> = {
    schema: SNAPSHOT_SCHEMA,
    id: v.id,
    slug: v.slug,
    title: { ru: v.title.ru, en: v.title.en },
    summary: { ru: v.summary.ru, en: v.summary.en },
    provider: {
      slug: v.provider.slug,
      name: { ru: v.provider.name.ru, en: v.provider.name.en },
      url: v.provider.url,
      email: v.provider.email ?? null,
      phone: v.provider.phone ?? null,
      address: { ru: v.provider.address?.ru ?? null, en: v.provider.address?.en ?? null },
    },
    parent: v.parent,
    publicParent,
    derived: { status: v.timing.status, newestSourceOn: v.curation.newestSourceOn, lastCheckedOn: v.curation.lastCheckedOn },
  };
  for (const f of PROGRAMME_FIELDS as readonly ProgrammeField[]) setPath(s, f.path, normaliseValue(f, getPath(v, f.path)));
  Object.assign(s, {
    publicationState: v.publicationState,
    publishedAt: v.publishedAt,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  });
  return s as ProgrammeSnapshot;
}

/** The shape revisions stored before key facts and sources existed: one source link and a verification flag. */
interface LegacyCuration {
  sourceUrl?: string | null;
  sourceName?: string | null;
  verifiedAt?: string | null;
}

/**
 * Schema 1 had no `schema` key: it was the API view of its day. Snapshots from
 * before key facts, steps and sources existed get empty lists, and their single
 * source link becomes a source, as the migration did for the programme itself.
 */
function upgradeFromView(old: Record<string, unknown>): ProgrammeSnapshot {
  const v = structuredClone(old) as unknown as ProgrammeView & { curation: Partial<ProgrammeView['curation']> & LegacyCuration };
  v.keyFacts ??= [];
  v.application.steps ??= [];
  if (!v.curation.sources) {
    const legacy = v.curation;
    const checkedOn = legacy.verifiedAt ? legacy.verifiedAt.slice(0, 10) : null;
    const publisher = legacy.sourceName ?? (legacy.sourceUrl ? new URL(legacy.sourceUrl).host : null);
    v.curation = {
      sources: publisher
        ? [
            {
              key: 's1',
              title: { ru: legacy.sourceName ?? legacy.sourceUrl ?? publisher, en: null },
              url: legacy.sourceUrl ?? null,
              publisher,
              kind: likelyKind(legacy.sourceUrl ?? null),
              publishedOn: null,
              checkedOn,
            },
          ]
        : [],
      newestSourceOn: null,
      lastCheckedOn: checkedOn,
      problems: [],
    };
  }
  v.timing.availability = roundFromDates(v.timing.opensAt, v.timing.closesAt);
  if ((v.timing.status as string) === 'ongoing') v.timing.status = deriveTiming(v.timing.availability, new Date(v.updatedAt)).status;
  return toSnapshot(v, v.parent);
}

/**
 * Schema 2 had no availability, source kinds or provider contacts. Its two dates become one
 * round (or nothing confirmed, where it had none: the `ongoing` it showed rested on no source),
 * as the migration did for the programme itself; source kinds are read off their addresses.
 */
function upgradeFrom2(old: Record<string, unknown>): ProgrammeSnapshot {
  const s = structuredClone(old) as unknown as ProgrammeSnapshot & { timing: { availability?: unknown } };
  s.timing ??= { opensAt: null, closesAt: null } as ProgrammeSnapshot['timing'];
  s.derived ??= { status: 'not_confirmed', newestSourceOn: null, lastCheckedOn: null };
  const availability = roundFromDates(s.timing.opensAt ?? null, s.timing.closesAt ?? null);
  const timing = deriveTiming(availability, new Date(s.updatedAt ?? Date.now()));
  // the status it showed, where it still names one; `ongoing` meant no source said anything
  const status = (s.derived.status as string) === 'ongoing' ? timing.status : s.derived.status;
  return toSnapshot(
    snapshotView({
      ...s,
      schema: SNAPSHOT_SCHEMA,
      timing: { ...s.timing, availability },
      derived: { ...s.derived, status },
    } as ProgrammeSnapshot),
    s.publicParent === undefined ? s.parent : s.publicParent,
  );
}

/** A stored snapshot, of any schema, in today's. */
export function readSnapshot(stored: unknown): ProgrammeSnapshot {
  const s = stored as Record<string, unknown>;
  if (s.schema === SNAPSHOT_SCHEMA) return s as ProgrammeSnapshot;
  if (s.schema === 2) return upgradeFrom2(s);
  if (s.schema === undefined) return upgradeFromView(s);
  throw new Error(`programme snapshot of unknown schema ${String(s.schema)}`);
}

/** A snapshot as the public saw the programme (the change feed): only public relations. */
export function publicSnapshotView(s: ProgrammeSnapshot): ProgrammeView {
  return { ...snapshotView(s), parent: s.publicParent === undefined ? s.parent : s.publicParent };
}

/** A snapshot as the admin API shows a programme (the revision history). */
export function snapshotView(s: ProgrammeSnapshot): ProgrammeView {
  const v: Record<string, unknown> = {
    id: s.id,
    slug: s.slug,
    title: s.title,
    summary: s.summary,
    provider: s.provider,
    parent: s.parent,
  };
  for (const f of PROGRAMME_FIELDS as readonly ProgrammeField[]) setPath(v, f.path, normaliseValue(f, getPath(s, f.path)));
  setPath(v, 'timing.status', s.derived.status);
  setPath(v, 'curation.newestSourceOn', s.derived.newestSourceOn);
  setPath(v, 'curation.lastCheckedOn', s.derived.lastCheckedOn);
  setPath(v, 'curation.problems', publishProblems(v as unknown as ProgrammeView));
  Object.assign(v, {
    publicationState: s.publicationState,
    publishedAt: s.publishedAt,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  });
  return v as unknown as ProgrammeView;
}
