import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shipped catalogue is one file per programme, and an entry follows its file's content:
 * a shipped row records the hash of the content it was last written from (rows written from a
 * numbered release get a marker no file hashes to, so their files count as changed), and a
 * suggested update is keyed by the content it would apply.
 */
export class ReleaseCatalogueByContent1765000100000 implements MigrationInterface {
  name = 'ReleaseCatalogueByContent1765000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programme ADD COLUMN catalogue_hash text`);
    await db.query(`UPDATE programme SET catalogue_hash = 'release-' || catalogue_release WHERE catalogue_release IS NOT NULL`);
    await db.query(`ALTER TABLE programme DROP COLUMN catalogue_release`);
    await db.query(`ALTER TABLE programme_suggested_update ADD COLUMN content_hash text`);
    await db.query(`UPDATE programme_suggested_update SET content_hash = 'release-' || release`);
    await db.query(`ALTER TABLE programme_suggested_update ALTER COLUMN content_hash SET NOT NULL, ALTER COLUMN release DROP NOT NULL`);
    await db.query(`ALTER TABLE programme_suggested_update DROP CONSTRAINT programme_suggested_update_programme_id_release_key`);
    await db.query(`ALTER TABLE programme_suggested_update ADD UNIQUE (programme_id, content_hash)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programme ADD COLUMN catalogue_release int`);
    await db.query(`UPDATE programme SET catalogue_release = 2 WHERE catalogue_hash IS NOT NULL`);
    await db.query(`ALTER TABLE programme DROP COLUMN catalogue_hash`);
    await db.query(`DELETE FROM programme_suggested_update WHERE release IS NULL`);
    await db.query(`ALTER TABLE programme_suggested_update DROP CONSTRAINT programme_suggested_update_programme_id_content_hash_key`);
    await db.query(`ALTER TABLE programme_suggested_update DROP COLUMN content_hash, ALTER COLUMN release SET NOT NULL`);
    await db.query(`ALTER TABLE programme_suggested_update ADD UNIQUE (programme_id, release)`);
  }
}
