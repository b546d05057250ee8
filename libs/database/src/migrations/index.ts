import { CreateCatalogue1764172800000 } from './1764172800000-CreateCatalogue';

/** Every migration, in order. Listed explicitly so compiled and test runs load the same set. */
export const MIGRATIONS = [CreateCatalogue1764172800000];
