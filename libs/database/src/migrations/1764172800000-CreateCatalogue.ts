import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, taxonomy, programmes with revisions, users and sessions. */
export class CreateCatalogue1764172800000 implements MigrationInterface {
  name = 'CreateCatalogue1764172800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE taxonomy_term (
        facet       text NOT NULL CHECK (facet IN ('support_type','applicant_type','stage','size','industry','objective','territory')),
        code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,62}$'),
        label_ru    text NOT NULL,
        label_en    text,
        parent_code text,
        kind        text,
        position    integer NOT NULL DEFAULT 0,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (facet, code)
      )`);

    await db.query(`
      CREATE TABLE organisation (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name_ru     text NOT NULL,
        name_en     text,
        url         text,
        email       text,
        phone       text,
        address_ru  text,
        address_en  text,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email         text NOT NULL,
        password_hash text NOT NULL,
        role          text NOT NULL CHECK (role IN ('admin','editor')),
        display_name  text,
        disabled_at   timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);

    await db.query(`
      CREATE TABLE auth_session (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id      uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        token_hash   bytea NOT NULL UNIQUE,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);
    await db.query(`CREATE INDEX auth_session_user_idx ON auth_session (user_id)`);

    await db.query(`
      CREATE TABLE programme (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug               text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title_ru           text NOT NULL,
        title_en           text,
        summary_ru         text NOT NULL,
        summary_en         text,
        description_ru     text,
        description_en     text,
        provider_id        uuid NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
        parent_id          uuid REFERENCES programme(id) ON DELETE SET NULL,
        support_types      text[] NOT NULL DEFAULT '{}',
        applicant_types    text[] NOT NULL DEFAULT '{}',
        stages             text[] NOT NULL DEFAULT '{}',
        sizes              text[] NOT NULL DEFAULT '{}',
        industries         text[] NOT NULL DEFAULT '{}',
        objectives         text[] NOT NULL DEFAULT '{}',
        territories        text[] NOT NULL DEFAULT '{}',
        benefit_ru         text,
        benefit_en         text,
        amount_min         bigint CHECK (amount_min >= 0),
        amount_max         bigint CHECK (amount_max >= 0),
        rate_percent       numeric(6,3) CHECK (rate_percent >= 0),
        term_months        integer CHECK (term_months > 0),
        tax_reductions     jsonb NOT NULL DEFAULT '[]',
        eligibility_ru     text,
        eligibility_en     text,
        eligibility        jsonb NOT NULL DEFAULT '{}',
        opens_at           timestamptz,
        closes_at          timestamptz,
        status             text NOT NULL CHECK (status IN ('open','upcoming','ongoing','closed')),
        how_to_apply_ru    text,
        how_to_apply_en    text,
        apply_url          text,
        required_documents jsonb NOT NULL DEFAULT '[]',
        contacts           jsonb NOT NULL DEFAULT '{}',
        source_url         text,
        source_name        text,
        verified_at        timestamptz,
        needs_verification boolean NOT NULL DEFAULT true,
        publication_state  text NOT NULL DEFAULT 'draft' CHECK (publication_state IN ('draft','published','archived')),
        published_at       timestamptz,
        archived_at        timestamptz,
        deleted_at         timestamptz,
        version            integer NOT NULL DEFAULT 1,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        created_by         uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_by         uuid REFERENCES app_user(id) ON DELETE SET NULL,
        CHECK (amount_min IS NULL OR amount_max IS NULL OR amount_min <= amount_max),
        CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at <= closes_at)
      )`);
    await db.query(`CREATE UNIQUE INDEX programme_slug_live_key ON programme (slug) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX programme_public_idx ON programme (publication_state, status) WHERE deleted_at IS NULL`);
    await db.query(`CREATE INDEX programme_provider_idx ON programme (provider_id)`);
    await db.query(`CREATE INDEX programme_closes_at_idx ON programme (closes_at)`);
    for (const column of ['support_types', 'applicant_types', 'stages', 'sizes', 'industries', 'objectives', 'territories']) {
      await db.query(`CREATE INDEX programme_${column}_idx ON programme USING gin (${column})`);
    }

    await db.query(`
      CREATE TABLE programme_revision (
        id             bigserial PRIMARY KEY,
        programme_id   uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
        version        integer NOT NULL,
        action         text NOT NULL,
        actor_id       uuid REFERENCES app_user(id) ON DELETE SET NULL,
        actor_label    text NOT NULL,
        changed_fields text[] NOT NULL DEFAULT '{}',
        snapshot       jsonb NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (programme_id, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE programme_revision`);
    await db.query(`DROP TABLE programme`);
    await db.query(`DROP TABLE auth_session`);
    await db.query(`DROP TABLE app_user`);
    await db.query(`DROP TABLE organisation`);
    await db.query(`DROP TABLE taxonomy_term`);
  }
}
