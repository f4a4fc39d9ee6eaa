import { KeyRotationService } from '../../core/crypto/key-rotation.service';
import { parseOptions, UsageError } from '../args';
import { CliContext } from '../cli-context';

const DEFAULT_BATCH_SIZE = 500;

/** How many items each KEK version wraps, and which versions could be retired. */
export async function keyStatusCommand(context: CliContext): Promise<void> {
  const status = await (await context.services()).get(KeyRotationService).status();
  context.out(`active KEK version: ${status.activeVersion}`);
  context.out(`configured versions: ${status.configuredVersions.join(', ')}`);
  for (const version of status.configuredVersions) {
    const parts = status.usage.map((u) => `${u.byVersion.get(version) ?? 0} ${u.name}`);
    const unused = status.usage.every((u) => !u.byVersion.get(version));
    const note = version === status.activeVersion ? ' (active)' : unused ? ' (unused: may be retired)' : '';
    context.out(`  version ${version}: ${parts.join(', ')}${note}`);
  }
  const unknown = status.usage.flatMap((u) =>
    [...u.byVersion.keys()].filter((v) => !status.configuredVersions.includes(v)).map((v) => `${u.name} under ${v}`),
  );
  if (unknown.length) context.err(`NOT CONFIGURED (these cannot be read): ${unknown.join(', ')}`);
}

/** Makes a new KEK version active and re-wraps everything under it; run again to continue after a crash. */
export async function keyRotateCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, { strings: ['batch-size'] });
  const batchSize = options['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(options['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100000) {
    throw new UsageError('--batch-size must be a whole number from 1 to 100000');
  }
  const rotation = (await context.services()).get(KeyRotationService);
  let reported = 0;
  const result = await rotation.rotate(batchSize, (rewrapped) => {
    if (rewrapped - reported >= batchSize * 10) {
      context.out(`  re-wrapped ${rewrapped} so far`);
      reported = rewrapped;
    }
  });
  context.out(
    result.addedVersion
      ? `added KEK version ${result.toVersion} to the key file and made it active`
      : `continuing the rotation to KEK version ${result.toVersion}`,
  );
  context.out(`re-wrapped ${result.rewrapped} item(s) under version ${result.toVersion}`);
  if (result.remaining > 0) {
    throw new Error(`${result.remaining} item(s) were busy and are still under older versions; run keys:rotate again`);
  }
  context.out('nothing is left under older versions; after backups made before now expire, retire them (keys:retire)');
}

/** Removes a KEK version from the key file once nothing uses it. */
export async function keyRetireCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, { strings: ['version'], required: ['version'] });
  const version = Number(options.version);
  if (!Number.isInteger(version) || version < 1) throw new UsageError('--version must be a positive whole number');
  await (await context.services()).get(KeyRotationService).retire(version);
  context.out(`KEK version ${version} removed from the key file`);
}
