import { PersonIndexRebuild } from '../../modules/cases/persons';
import { parseOptions, UsageError } from '../args';
import { CliContext } from '../cli-context';

const DEFAULT_BATCH_SIZE = 500;

/**
 * Rewrites every person's duplicate-check values and search tokens from their decrypted record: run
 * once after the name normalisation or PANOH_BLIND_INDEX_POPULATION changes (docs/operations.md).
 */
export async function searchReindexCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, { strings: ['batch-size'] });
  const batchSize = options['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(options['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100000) {
    throw new UsageError('--batch-size must be a whole number from 1 to 100000');
  }
  const rebuild = (await context.services()).get(PersonIndexRebuild);
  const result = await rebuild.rebuild(batchSize, (done) => context.out(`  re-indexed ${done} so far`));
  context.out(`re-indexed ${result.persons} person(s)`);
  if (result.failed > 0) {
    throw new Error(`${result.failed} person(s) failed their integrity check and were left as they were (see the log)`);
  }
}
