export { readManifest } from './backup/backup-archive';
export { BackupError, backupDatabase, prepareEmbeddedDirectory, restoreBaseBackup, restoreDump } from './backup/database-backup';
export { findDumpTools, toolsFor } from './backup/pg-dump-tools';
export { runMigrations } from './data-source';
export { DatabaseModule } from './database.module';
export { definitionText } from './definitions/definitions';
export { startEmbeddedPostgres } from './embedded-postgres';
export { openDatabase } from './open-database';
export { PG_UNIQUE_VIOLATION, isDatabaseUnavailable, pgConstraint, pgErrorCode } from './pg-errors';
