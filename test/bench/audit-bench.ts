import { AuditSealer } from '../../src/core/audit/audit-sealer.service';
import { AuditVerifier } from '../../src/core/audit/audit-verifier.service';
import { AuditWriter } from '../../src/core/audit/audit.writer';
import { AuditAction } from '../../src/core/audit/audit-action';
import { Role } from '../../src/core/access/role';
import { DataSource } from 'typeorm';
import { asSuperuser } from '../support/test-cluster';
import type { TestApp } from '../support/test-app';

export interface AuditFigures {
  events: number;
  sealPerSecond: number;
  verifyPerSecond: number;
  liveRate: number;
  liveSeconds: number;
  liveMaxBacklog: number;
  liveFinalBacklog: number;
}

/**
 * Sealing and verification speed over a log of `events` events shaped like real ones, then a live run:
 * writers append about 1,000 events a second while the sealer runs every second, and the backlog of
 * unsealed events is watched.
 */
export async function benchAudit(t: TestApp, events = 200_000, liveSeconds = 5): Promise<AuditFigures> {
  await asSuperuser(
    t.db,
    `INSERT INTO audit_event (seq, xid, actor_user_id, actor_organisation_id, actor_role, action, outcome, status_code,
                              case_ids, person_ids, view, fields, request_id, client_address, detail)
     SELECT nextval('audit_event_seq'), pg_current_xact_id(), gen_random_uuid(), gen_random_uuid(), 'caseworker', 'case.viewed',
            'allowed', 200, ARRAY[gen_random_uuid()], ARRAY[gen_random_uuid()], 'full',
            ARRAY['familyName','givenName','stage','status'], gen_random_uuid()::text, '127.0.0.1', '{"view":"full"}'::jsonb
     FROM generate_series(1, ${events})`,
  );
  const sealer = t.app.get(AuditSealer);
  let started = process.hrtime.bigint();
  const sealed = await sealer.seal();
  const sealSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  started = process.hrtime.bigint();
  const verified = await t.app.get(AuditVerifier).verify();
  const verifySeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!verified.intact) throw new Error(`the benchmark's log does not verify: ${verified.problem}`);

  const live = await liveRun(t, liveSeconds);
  return {
    events: sealed.sealed,
    sealPerSecond: sealed.sealed / sealSeconds,
    verifyPerSecond: verified.eventsChecked / verifySeconds,
    ...live,
  };
}

async function liveRun(
  t: TestApp,
  seconds: number,
): Promise<Pick<AuditFigures, 'liveRate' | 'liveSeconds' | 'liveMaxBacklog' | 'liveFinalBacklog'>> {
  const writer = t.app.get(AuditWriter);
  const dataSource = t.app.get(DataSource);
  const sealer = t.app.get(AuditSealer);
  const deadline = Date.now() + seconds * 1000;
  let written = 0;
  let maxBacklog = 0;
  const backlog = async () => {
    const [{ n }] = await dataSource.query(
      `SELECT (SELECT count(*) FROM audit_event) - (SELECT count(*) FROM audit_chain) AS n`,
    );
    return Number(n);
  };
  const writers = Array.from({ length: 4 }, async () => {
    while (Date.now() < deadline) {
      const tickStart = Date.now();
      for (let i = 0; i < 25; i++) {
        await dataSource.transaction((manager) =>
          writer.append(manager, {
            action: AuditAction.CaseViewed,
            outcome: 'allowed',
            statusCode: 200,
            actor: {
              userId: '00000000-0000-4000-8000-000000000001',
              organisationId: '00000000-0000-4000-8000-000000000002',
              role: Role.Caseworker,
            },
            view: 'full',
          }),
        );
        written++;
      }
      // 4 writers x 25 events per 100 ms = 1,000 events a second
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - tickStart))));
    }
  });
  const sealing = (async () => {
    while (Date.now() < deadline) {
      await sealer.seal();
      maxBacklog = Math.max(maxBacklog, await backlog());
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  const started = Date.now();
  await Promise.all([...writers, sealing]);
  const elapsed = (Date.now() - started) / 1000;
  await sealer.seal();
  return {
    liveRate: written / elapsed,
    liveSeconds: elapsed,
    liveMaxBacklog: maxBacklog,
    liveFinalBacklog: await backlog(),
  };
}
