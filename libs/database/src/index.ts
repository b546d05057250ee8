export * from './data-source';
export * from './database.module';
export * from './embedded-postgres';
export * from './snake-naming.strategy';
export * from './pg-errors';
export * from './open-database';
export * from './bulk-database';
