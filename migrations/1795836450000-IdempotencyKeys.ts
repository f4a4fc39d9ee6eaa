import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first answer to a create sent with an `Idempotency-Key`, so that a retry gets it again instead of
 * a second record. A row holds no victim data: the key and the request only as SHA-256, the created
 * record's id (which the retry reads again, through the same access rules) or, for a page, the ids-only
 * address it sent the browser to, and the status. The unique key is taken in the create's own
 * transaction, so a concurrent duplicate waits for the first and then gets its answer. Rows are the
 * caller's own (row-level security by user) and count for 24 hours.
 */
export class IdempotencyKeys1795836450000 implements MigrationInterface {
  name = 'IdempotencyKeys1795836450000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL REFERENCES app_user (id),
        route text NOT NULL CHECK (length(route) <= 200),
        key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
        request_hash bytea NOT NULL CHECK (length(request_hash) = 32),
        status integer CHECK (status BETWEEN 200 AND 399),
        resource_id uuid,
        location text CHECK (location ~ '^/ui/[A-Za-z0-9/_=?&-]*$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, route, key_hash)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`);
    await queryRunner.query(`ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY idempotency_key_own ON idempotency_key FOR ALL TO panoh_service
      USING (user_id = panoh_caller_user()) WITH CHECK (user_id = panoh_caller_user())`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON idempotency_key TO panoh_service`);
    await queryRunner.query(`GRANT UPDATE (status, resource_id, location) ON idempotency_key TO panoh_service`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_key`);
  }
}
