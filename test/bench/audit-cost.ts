import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../src/core/access/authenticated-user';
import { AuditAction } from '../../src/core/audit/audit-action';
import { AuditDraft } from '../../src/core/audit/audit-event';
import { setCaller } from '../../src/core/audit/audit.interceptor';
import { AuditWriter } from '../../src/core/audit/audit.writer';
import { RequestContext } from '../../src/core/database/request-context';
import { PersonsService } from '../../src/modules/cases/persons/persons.service';
import type { TestApp } from '../support/test-app';

export interface AuditCostFigures {
  withAudit: number;
  withoutAudit: number;
}

/**
 * The secure person read as an audited route runs it (transaction, caller set, read and decrypt,
 * audit event, commit) against the very same read without the event, in reads per second with eight
 * concurrent readers, rounds alternating.
 */
export async function measureAuditCost(
  t: TestApp,
  actor: AuthenticatedUser,
  personId: string,
  rounds: number,
  seconds: number,
): Promise<AuditCostFigures> {
  const dataSource = t.app.get(DataSource);
  const persons = t.app.get(PersonsService);
  const writer = t.app.get(AuditWriter);

  const read = async (audited: boolean) => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await setCaller(runner, actor);
      const draft = new AuditDraft();
      await RequestContext.run({ manager: runner.manager, audit: draft }, () => persons.get(actor, personId));
      if (audited) {
        await writer.append(runner.manager, {
          action: AuditAction.PersonViewed,
          outcome: 'allowed',
          statusCode: 200,
          actor: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
          personIds: [...draft.personIds],
          view: draft.view,
          fields: [...draft.fields],
          requestId: 'bench',
        });
      }
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  };
  const rate = async (audited: boolean) => {
    const deadline = Date.now() + seconds * 1000;
    let count = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < deadline) {
          await read(audited);
          count++;
        }
      }),
    );
    return count / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  await rate(true); // warm-up
  const withAudit: number[] = [];
  const withoutAudit: number[] = [];
  for (let round = 0; round < rounds; round++) {
    withoutAudit.push(await rate(false));
    withAudit.push(await rate(true));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { withAudit: median(withAudit), withoutAudit: median(withoutAudit) };
}
