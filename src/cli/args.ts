import { parseArgs } from 'node:util';
import { isSingleLine, TEXT_PROBLEMS, textProblem } from '../core/http/text-rules';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--name value` options of a command, with the required ones checked. */
export function parseOptions<T extends string>(
  argv: string[],
  spec: { strings?: readonly T[]; flags?: readonly T[]; required?: readonly T[] },
): Record<T, string | boolean | undefined> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of spec.strings ?? []) options[name] = { type: 'string' };
  for (const name of spec.flags ?? []) options[name] = { type: 'boolean' };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  for (const name of spec.required ?? []) {
    if (values[name] === undefined || values[name] === '') throw new UsageError(`--${name} is required`);
  }
  // The same rules as a request's single-line texts: an option's value is never echoed back either.
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    const problem = textProblem(value) ?? (isSingleLine(value) ? undefined : TEXT_PROBLEMS.multiline);
    if (problem) throw new UsageError(`--${name} ${problem}`);
  }
  return values as Record<T, string | boolean | undefined>;
}
