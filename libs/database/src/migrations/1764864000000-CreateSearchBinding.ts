import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search engine the website and API read from, written by the server at
 * start. A process that drains the search outbox with another engine
 * configuration (a worker without MEILI_URL, say) would mark changes done
 * that the index never received: it compares itself with this row first.
 */
export class CreateSearchBinding1764864000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE search_binding (
        id        integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        engine    text NOT NULL,
        target    text NOT NULL,
        bound_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE search_binding`);
  }
}
