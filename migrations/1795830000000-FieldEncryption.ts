import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Envelope-encrypted persons: wrapped data keys, the person record whose identifying fields are
 * ciphertext only, its blind indexes for duplicate detection, and the duplicate check's rate limit.
 * docs/crypto.md describes the formats.
 */
export class FieldEncryption1795830000000 implements MigrationInterface {
  name = 'FieldEncryption1795830000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A record's data key, only ever wrapped (AES-256-KWP: 32 bytes become 40) under KEK `kek_version`.
    // Deleting the row is the crypto-shredding of the record.
    await queryRunner.query(`
      CREATE TABLE data_key (
        id uuid PRIMARY KEY,
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        kek_version integer NOT NULL CHECK (kek_version > 0),
        wrapped_key bytea NOT NULL CHECK (length(wrapped_key) = 40),
        created_at timestamptz NOT NULL DEFAULT now(),
        rewrapped_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX data_key_kek_version_idx ON data_key (kek_version)`);

    await queryRunner.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        registered_by uuid NOT NULL REFERENCES app_user (id),
        data_key_id uuid UNIQUE REFERENCES data_key (id),
        family_name bytea,
        given_name bytea,
        patronymic bytea,
        date_of_birth bytea,
        identity_documents bytea,
        phone bytea,
        address bytea,
        notes bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT person_key_or_erased CHECK ((data_key_id IS NULL) = (erased_at IS NOT NULL)),
        CONSTRAINT person_names_unless_erased CHECK (erased_at IS NOT NULL OR (family_name IS NOT NULL AND given_name IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX person_organisation_idx ON person (organisation_id)`);

    await queryRunner.query(`
      CREATE TABLE person_blind_index (
        person_id uuid NOT NULL REFERENCES person (id),
        index_name text NOT NULL CHECK (index_name IN ('document_number', 'name_birth_year')),
        value bytea NOT NULL CHECK (length(value) BETWEEN 1 AND 32),
        PRIMARY KEY (person_id, index_name, value)
      )`);
    await queryRunner.query(`CREATE INDEX person_blind_index_lookup_idx ON person_blind_index (index_name, value)`);

    await queryRunner.query(`
      CREATE TABLE duplicate_check_throttle (
        user_id uuid PRIMARY KEY REFERENCES app_user (id),
        window_started_at timestamptz NOT NULL,
        checks integer NOT NULL
      )`);

    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON data_key TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON person TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON person_blind_index TO panoh_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON duplicate_check_throttle TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE duplicate_check_throttle`);
    await queryRunner.query(`DROP TABLE person_blind_index`);
    await queryRunner.query(`DROP TABLE person`);
    await queryRunner.query(`DROP TABLE data_key`);
  }
}
