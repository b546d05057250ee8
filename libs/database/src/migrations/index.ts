import { CreateCatalogue1764172800000 } from './1764172800000-CreateCatalogue';
import { CreateSearch1764259200000 } from './1764259200000-CreateSearch';
import { CreateCuration1764345600000 } from './1764345600000-CreateCuration';
import { CreateChangeFeed1764432000000 } from './1764432000000-CreateChangeFeed';
import { AddKeyFactsAndSources1764518400000 } from './1764518400000-AddKeyFactsAndSources';
import { RemoveSearchWriteHotspots1764604800000 } from './1764604800000-RemoveSearchWriteHotspots';
import { CreateIdempotencyKeys1764691200000 } from './1764691200000-CreateIdempotencyKeys';
import { CreateSearchAlerts1764777600000 } from './1764777600000-CreateSearchAlerts';
import { CreateSearchBinding1764864000000 } from './1764864000000-CreateSearchBinding';
import { AddVerbSynonyms1764950400000 } from './1764950400000-AddVerbSynonyms';
import { AddAvailabilityAndSourceKinds1765000000000 } from './1765000000000-AddAvailabilityAndSourceKinds';
import { ReleaseCatalogueByContent1765000100000 } from './1765000100000-ReleaseCatalogueByContent';
import { CreateSchemaDefinitions1765000200000 } from './1765000200000-CreateSchemaDefinitions';
import { AddIdempotencyLease1765100000000 } from './1765100000000-AddIdempotencyLease';
import { AddImportQueue1765100100000 } from './1765100100000-AddImportQueue';
import { CreateScheduledJobRuns1765200000000 } from './1765200000000-CreateScheduledJobRuns';
import { AddSearchReindexRequests1765286400000 } from './1765286400000-AddSearchReindexRequests';
import { AddEverydayVocabulary1765300000000 } from './1765300000000-AddEverydayVocabulary';
import { AddRelease3Vocabulary1765300100000 } from './1765300100000-AddRelease3Vocabulary';
import { CreatePendingChanges1765400000000 } from './1765400000000-CreatePendingChanges';
import { CreateSourceWatch1765500000000 } from './1765500000000-CreateSourceWatch';

/** Every migration, in order. Listed explicitly so compiled and test runs load the same set. */
export const MIGRATIONS = [
  CreateCatalogue1764172800000,
  CreateSearch1764259200000,
  CreateCuration1764345600000,
  CreateChangeFeed1764432000000,
  AddKeyFactsAndSources1764518400000,
  RemoveSearchWriteHotspots1764604800000,
  CreateIdempotencyKeys1764691200000,
  CreateSearchAlerts1764777600000,
  CreateSearchBinding1764864000000,
  AddVerbSynonyms1764950400000,
  AddAvailabilityAndSourceKinds1765000000000,
  ReleaseCatalogueByContent1765000100000,
  CreateSchemaDefinitions1765000200000,
  AddIdempotencyLease1765100000000,
  AddImportQueue1765100100000,
  CreateScheduledJobRuns1765200000000,
  AddSearchReindexRequests1765286400000,
  AddEverydayVocabulary1765300000000,
  AddRelease3Vocabulary1765300100000,
  CreatePendingChanges1765400000000,
  CreateSourceWatch1765500000000,
];
