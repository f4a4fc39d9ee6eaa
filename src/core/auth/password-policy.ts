import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** zxcvbn's score: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
const MIN_SCORE = 3;

const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/**
 * Why a password is refused, or undefined when it is acceptable. Length as NIST SP 800-63B and ASVS
 * ask; common and easily guessed passwords (dictionary words, keyboard walks, sequences, the username)
 * are refused through zxcvbn's password lists and pattern matchers.
 */
export function passwordProblem(password: string, context: string[] = []): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (estimator.check(password, context).score < MIN_SCORE) {
    return 'is too common or too easy to guess; use a longer passphrase';
  }
  return undefined;
}
