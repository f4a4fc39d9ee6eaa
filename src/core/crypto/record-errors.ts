import { Logger } from '@nestjs/common';
import { IntegrityError } from './crypto.errors';
import { KeyFileError } from './key-file';

const logger = new Logger('Records');

export const INTEGRITY_MESSAGE =
  'This record failed its integrity check and cannot be shown; report it to an administrator with the request id';
export const KEY_UNAVAILABLE_MESSAGE =
  'A key needed for this record is not available; report it to an administrator with the request id';

/** What can go wrong opening a stored record (named as in core/http/common-error-codes.ts). */
export type RecordFailure = 'IntegrityFailure' | 'KeyUnavailable';

/** A domain's answer to a record failure: its exception with its code for `failure`. */
export type RecordFailureAnswer = (failure: RecordFailure, message: string) => Error;

/**
 * What to answer for an error met while opening record `record` (e.g. `case <id>`): a record that fails
 * its integrity check, or needs a KEK the service lacks, becomes the domain's clear answer instead of
 * a 500; anything else is returned as it is. What is logged is where, never the content.
 */
export function recordErrorOf(error: unknown, record: string, answer: RecordFailureAnswer): unknown {
  if (error instanceof IntegrityError) {
    logger.error(`${record} failed its integrity check (${error.message}); nothing was returned`);
    return answer('IntegrityFailure', INTEGRITY_MESSAGE);
  }
  if (error instanceof KeyFileError) {
    logger.error(`${record} needs a key the service does not have (${error.message})`);
    return answer('KeyUnavailable', KEY_UNAVAILABLE_MESSAGE);
  }
  return error;
}
