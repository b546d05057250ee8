export { PUBLISHABLE, programmeInput, round, strongPassword, uniqueEmail, uniqueSlug } from './factories';
export { freePort } from './free-port';
export { RecordingSearchEngine } from './recording-search.engine';
export { createTestDatabase, sharedTemplate, type TestDatabase } from './test-database';
export { openScratchDatabase } from './throwaway-postgres';
