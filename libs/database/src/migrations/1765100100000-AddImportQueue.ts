import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports run one at a time per server; the others wait in line. A file waits
 * to be checked (`queued`) or, once checked, to be applied (`apply-queued`);
 * `runner` names the server process whose line it is in and `queued_at` its
 * place, so any server can show where a file stands.
 */
export class AddImportQueue1765100100000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE import_file DROP CONSTRAINT import_file_state_check`);
    await db.query(`
      ALTER TABLE import_file
        ADD CONSTRAINT import_file_state_check
          CHECK (state IN ('queued','checking','checked','apply-queued','applying','applied','failed')),
        ADD COLUMN runner text,
        ADD COLUMN queued_at timestamptz`);
    await db.query(`CREATE INDEX import_file_queue_idx ON import_file (runner, queued_at) WHERE state IN ('queued', 'apply-queued')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX import_file_queue_idx`);
    await db.query(`UPDATE import_file SET state = 'checked' WHERE state = 'apply-queued'`);
    await db.query(`UPDATE import_file SET state = 'failed' WHERE state = 'queued'`);
    await db.query(`ALTER TABLE import_file DROP CONSTRAINT import_file_state_check, DROP COLUMN runner, DROP COLUMN queued_at`);
    await db.query(
      `ALTER TABLE import_file ADD CONSTRAINT import_file_state_check CHECK (state IN ('checking','checked','applying','applied','failed'))`,
    );
  }
}
