import { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from '../../core/audit/audit-action';
import { AuditWriter } from '../../core/audit/audit.writer';
import { RequestContext } from '../../core/database/request-context';
import { DomainException } from '../../core/http/domain.exception';
import { ReleaseService } from '../../modules/statistics';
import { parseOptions, UsageError } from '../args';
import { CliContext } from '../cli-context';

/**
 * Runs `work` in one transaction as an administrator (the role that publishes), with its audit
 * event appended in the same transaction; a refusal is recorded on its own, as the routes do.
 */
async function asAdministrator<T>(
  context: CliContext,
  action: AuditAction,
  work: (manager: EntityManager) => Promise<T>,
  detailOf: (result: T) => Record<string, string | number>,
  refusedDetail: Record<string, string>,
): Promise<T> {
  const services = await context.services();
  const writer = services.get(AuditWriter);
  const dataSource = services.get(DataSource);
  try {
    return await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('panoh.role', 'admin', true)`);
      const result = await RequestContext.run({ manager }, () => work(manager));
      await writer.append(manager, {
        action,
        outcome: 'allowed',
        detail: { ...detailOf(result), via: 'command line' },
      });
      return result;
    });
  } catch (error) {
    const code = error instanceof DomainException ? error.code : 'error';
    await writer.append(dataSource.manager, {
      action,
      outcome: 'failed',
      detail: { ...refusedDetail, outcome: code, via: 'command line' },
    });
    throw error;
  }
}

/** Publishes the release of a closed period (a new version when one exists and the difference is safe). */
export async function releasePublishCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, { strings: ['period'] });
  const period = options.period;
  if (typeof period !== 'string' || !/^\d{4}(-Q[1-4])?$/.test(period)) {
    throw new UsageError('--period must be a year (2025) or a quarter (2025-Q3)');
  }
  const releases = (await context.services()).get(ReleaseService);
  const summary = await asAdministrator(
    context,
    AuditAction.StatisticsReleasePublished,
    () => releases.publish(period),
    (s) => ({ period: s.period, version: s.version, method: s.method, release: s.id }),
    { period },
  );
  context.out(
    `published ${summary.period} version ${summary.version} (${summary.method}, k = ${summary.threshold}, ` +
      `suppression rate ${(summary.suppressionRate * 100).toFixed(1)} %): ${summary.id}`,
  );
  context.out(`public key ${summary.publicKey}`);
}

/** Checks every stored release's signature; exits non-zero when one does not verify. */
export async function releaseVerifyCommand(context: CliContext): Promise<void> {
  const releases = (await context.services()).get(ReleaseService);
  const checks = await asAdministrator(
    context,
    AuditAction.StatisticsReleaseRead,
    () => releases.verifyAll(),
    (c) => ({ read: 'verify', releases: c.length, invalid: c.filter((r) => !r.valid).length }),
    { read: 'verify' },
  );
  for (const check of checks) {
    context.out(
      `${check.period} v${check.version} ${check.id}: ${check.valid ? 'signature valid' : 'SIGNATURE INVALID'}` +
        (check.currentKey ? '' : ' (signed with another key than the current one)'),
    );
  }
  const invalid = checks.filter((c) => !c.valid).length;
  if (invalid > 0) throw new Error(`${invalid} of ${checks.length} release(s) do not verify`);
  context.out(`${checks.length} release(s), every signature valid`);
}
