import {
  deriveTiming,
  getPath,
  loadShippedCatalogue,
  normaliseValue,
  PROGRAMME_FIELDS,
  type Availability,
  type CreateProgrammeDto,
  type ProgrammeField,
} from '@app/catalogue';

/** The shipped catalogue's files, as the seeder reads them: what a fresh installation holds. */
const shipped = loadShippedCatalogue();

const CODE_LISTS = ['supportTypes', 'applicantTypes', 'stages', 'sizes', 'industries', 'objectives', 'territories'] as const;
type CodeLists = Record<(typeof CODE_LISTS)[number], string[]>;
type Shipped = CreateProgrammeDto & CodeLists;

/** The programmes a fresh installation publishes (shipped drafts stay with the editors), with empty code lists where a file has none. */
export const SHIPPED_PROGRAMMES: Shipped[] = shipped.programmes
  .filter((p) => p.publish)
  .map((p) => ({ ...(Object.fromEntries(CODE_LISTS.map((k) => [k, []])) as unknown as CodeLists), ...p.body }) as Shipped);
export const SHIPPED_PROVIDERS = shipped.providers;
/** Every shipped programme file, drafts included: what a fresh installation holds in all. */
export const SHIPPED_ALL = shipped.programmes.map((p) => p.body);

const availabilityField = (PROGRAMME_FIELDS as readonly ProgrammeField[]).find((f) => f.path === 'timing.availability')!;

/** The status a shipped programme has at `now`, by the rule the catalogue uses. */
export const shippedStatus = (p: CreateProgrammeDto, now = new Date()): string =>
  deriveTiming(normaliseValue(availabilityField, getPath(p, 'timing.availability')) as Availability, now).status;
