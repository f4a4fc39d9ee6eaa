import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: events appended in the same transaction as the access they record, a keyed hash
 * chain over them in sequence order, and signed heads. The service's role may only INSERT and SELECT;
 * triggers refuse UPDATE and DELETE (row level) and TRUNCATE (statement level) to every role. The
 * owner or a superuser can disable the triggers; the chain then exposes what they changed.
 */
export class AuditLog1795829000000 implements MigrationInterface {
  name = 'AuditLog1795829000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE audit_event_seq AS bigint`);
    await queryRunner.query(`
      CREATE TABLE audit_event (
        seq bigint PRIMARY KEY,
        xid xid8 NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid,
        actor_organisation_id uuid,
        actor_role text,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
        status_code integer,
        case_ids uuid[] NOT NULL DEFAULT '{}',
        person_ids uuid[] NOT NULL DEFAULT '{}',
        view text,
        fields text[],
        request_id text,
        client_address text,
        detail jsonb
      )`);
    await queryRunner.query(`CREATE INDEX audit_event_case_ids_idx ON audit_event USING gin (case_ids)`);
    await queryRunner.query(`CREATE INDEX audit_event_person_ids_idx ON audit_event USING gin (person_ids)`);
    await queryRunner.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, seq)`);
    // Every index is paid for on every audited request: time gets a BRIN index (events arrive in time
    // order), and an action is searched together with a time range or an actor.
    await queryRunner.query(`CREATE INDEX audit_event_time_idx ON audit_event USING brin (occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE audit_chain (
        seq bigint PRIMARY KEY,
        hash bytea NOT NULL CHECK (length(hash) = 32)
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_seal (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        up_to_seq bigint NOT NULL,
        event_count bigint NOT NULL,
        head_hash bytea NOT NULL CHECK (length(head_hash) = 32),
        sealed_at timestamptz NOT NULL,
        public_key bytea NOT NULL CHECK (length(public_key) = 32),
        signature bytea NOT NULL CHECK (length(signature) = 64)
      )`);

    await queryRunner.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_event', 'audit_chain', 'audit_seal']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
      );
      await queryRunner.query(`GRANT SELECT, INSERT ON ${table} TO panoh_service`);
    }
    await queryRunner.query(`GRANT USAGE, SELECT ON SEQUENCE audit_event_seq TO panoh_service`);
    // A service started without the owner's connection checks that no migration is pending.
    await queryRunner.query(`GRANT SELECT ON schema_migration TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_seal`);
    await queryRunner.query(`DROP TABLE audit_chain`);
    await queryRunner.query(`DROP TABLE audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_refuse_change()`);
    await queryRunner.query(`DROP SEQUENCE audit_event_seq`);
  }
}
