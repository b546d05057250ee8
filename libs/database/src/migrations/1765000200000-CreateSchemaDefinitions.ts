import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQL functions and triggers are no longer written by migrations: each has one definition in
 * libs/database/src/definitions, applied after the migrations whenever its text changed. This
 * table records the checksum of the text each was last applied from. An existing database has
 * no rows yet, so the first run applies every definition and converges to the files.
 */
export class CreateSchemaDefinitions1765000200000 implements MigrationInterface {
  name = 'CreateSchemaDefinitions1765000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE schema_definition (
        name       text PRIMARY KEY,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE schema_definition`);
  }
}
