import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../src/core/access/authenticated-user';
import { AuditAction } from '../../src/core/audit/audit-action';
import { AuditDraft } from '../../src/core/audit/audit-event';
import { setCaller } from '../../src/core/audit/audit.interceptor';
import { AuditWriter } from '../../src/core/audit/audit.writer';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { RequestContext } from '../../src/core/database/request-context';
import { CasesService } from '../../src/modules/cases/case-records/cases.service';
import { VictimCase } from '../../src/modules/cases/case-records/entities/victim-case.entity';
import type { TestApp } from '../support/test-app';

export interface CaseReadFigures {
  /** Transaction, caller set, access decision, read under RLS, decryption, full view, audit event, commit. */
  secureMicros: number;
  /** The same, without the audit event, rolled back: what reading costs before anything is written. */
  unauditedMicros: number;
  /** TypeORM findOneBy of the same row, as a role row-level security does not apply to. */
  plainMicros: number;
  /** GET /cases for 50 cases, the same way as the secure read. */
  list50Micros: number;
}

const CASES = 50;

/** Median times of one read at a time, secure and plain alternating, over `iterations` each. */
export async function measureCaseRead(
  t: TestApp,
  actor: AuthenticatedUser,
  iterations: number,
): Promise<CaseReadFigures> {
  const dataSource = t.app.get(DataSource);
  const cases = t.app.get(CasesService);
  const writer = t.app.get(AuditWriter);

  const inRequest = async <T>(action: AuditAction, work: () => Promise<T>, audited = true): Promise<T> => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await setCaller(runner, actor);
      const draft = new AuditDraft();
      const result = await RequestContext.run({ manager: runner.manager, audit: draft }, work);
      if (!audited) return result;
      await writer.append(runner.manager, {
        action,
        outcome: 'allowed',
        statusCode: 200,
        actor: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
        caseIds: [...draft.caseIds],
        personIds: [...draft.personIds],
        view: draft.view,
        fields: [...draft.fields],
        requestId: 'bench',
      });
      await runner.commitTransaction();
      return result;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  };

  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const created = await inRequest(AuditAction.CaseCreated, () =>
      cases.create(actor, {
        person: { familyName: 'Каримова', givenName: `Зарина ${i}`, dateOfBirth: '1998', phone: '+992 92 555 0101' },
        gender: 'Feminine',
        exploitationTypes: ['ForcedLabour'],
        narrative: 'Recruited in Khujand for building work; passport taken on arrival.',
        shelterLocation: 'Khujand shelter, room 4',
        healthNotes: 'Untreated hand injury.',
        psychosocialNotes: 'Weekly counselling.',
      }),
    );
    ids.push(created.id);
  }
  const id = ids[0];

  const plainSource = new DataSource({ ...dataSourceOptions(t.db.superuserUrl, { poolSize: 2 }), logging: false });
  await plainSource.initialize();
  try {
    const plain = plainSource.getRepository(VictimCase);
    if (!(await plain.findOneBy({ id }))) throw new Error('the plain read did not find the case');
    const time = async (work: () => Promise<unknown>): Promise<number> => {
      const started = process.hrtime.bigint();
      await work();
      return Number(process.hrtime.bigint() - started) / 1000;
    };
    const secure: number[] = [];
    const unaudited: number[] = [];
    const plainTimes: number[] = [];
    const lists: number[] = [];
    for (let i = 0; i < 20; i++) {
      await inRequest(AuditAction.CaseViewed, () => cases.get(actor, id));
      await plain.findOneBy({ id });
    }
    for (let i = 0; i < iterations; i++) {
      secure.push(await time(() => inRequest(AuditAction.CaseViewed, () => cases.get(actor, id))));
      unaudited.push(await time(() => inRequest(AuditAction.CaseViewed, () => cases.get(actor, id), false)));
      plainTimes.push(await time(() => plain.findOneBy({ id })));
      if (i % 5 === 0) {
        lists.push(
          await time(async () => {
            const page = await inRequest(AuditAction.CaseListed, () => cases.list(actor, { limit: CASES }));
            if (page.items.length !== CASES) throw new Error(`listed ${page.items.length} cases, not ${CASES}`);
          }),
        );
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
      secureMicros: median(secure),
      unauditedMicros: median(unaudited),
      plainMicros: median(plainTimes),
      list50Micros: median(lists),
    };
  } finally {
    await plainSource.destroy();
  }
}
