import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../core/audit/audit-action';
import { AuditLogService, headLine } from '../../core/audit/audit-log.service';
import type { AuditHeadsPageDto } from '../../core/audit/dto/audit-query.dto';
import { AuditSealer } from '../../core/audit/audit-sealer.service';
import { AuditVerifier, ExternalHead } from '../../core/audit/audit-verifier.service';
import { AuditWriter } from '../../core/audit/audit.writer';
import type { AuditEventInput } from '../../core/audit/audit-event';
import { parseOptions } from '../args';
import { CliContext } from '../cli-context';

export async function auditSealCommand(context: CliContext): Promise<void> {
  const result = await (await context.services()).get(AuditSealer).seal();
  context.out(
    result.waitingFor
      ? `nothing sealed: waiting for ${result.waitingFor}; try again`
      : `sealed ${result.sealed} events; the chain now reaches sequence number ${result.upToSeq}`,
  );
}

/** Prints every signed head as one JSON line: keep them outside the database (append to a file, print them). */
export async function auditHeadsCommand(context: CliContext): Promise<void> {
  const log = (await context.services()).get(AuditLogService);
  let afterId: number | undefined = 0;
  while (afterId !== undefined) {
    const page: AuditHeadsPageDto = await log.heads({ afterId, limit: 10000 });
    for (const head of page.heads) context.out(headLine(head));
    afterId = page.nextAfterId;
  }
}

/** Exits non-zero when the log is not intact, naming the first sequence number that does not match. */
export async function auditVerifyCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, { strings: ['heads'] });
  const heads: ExternalHead[] = options.heads
    ? fs
        .readFileSync(options.heads as string, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as ExternalHead)
    : [];
  const started = process.hrtime.bigint();
  const result = await (await context.services()).get(AuditVerifier).verify(heads);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.intact) {
    context.out(
      `intact up to sequence number ${result.verifiedUpTo}: ${result.eventsChecked} events, ${result.sealsChecked} signed heads checked` +
        `${result.unsealed ? `; ${result.unsealed} newer events not sealed yet` : ''} (${seconds.toFixed(2)} s)`,
    );
    return;
  }
  throw new Error(
    `NOT INTACT at sequence number ${result.firstBadSeq}: ${result.problem} (intact up to ${result.verifiedUpTo})`,
  );
}

/** Administrative commands leave their trace too; the operator at the terminal has no user id. */
export async function recordCliAction(
  context: CliContext,
  action: AuditAction,
  detail: AuditEventInput['detail'],
): Promise<void> {
  const services = await context.services();
  await services.get(AuditWriter).append(services.get(DataSource).manager, {
    action,
    outcome: 'allowed',
    detail: { ...detail, via: 'command line' },
  });
}
