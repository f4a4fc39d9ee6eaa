import { Logger } from '@nestjs/common';
import { IntegrityError } from '../../../core/crypto/crypto.errors';
import { KeyFileError } from '../../../core/crypto/key-file';
import { PersonErrorCode, PersonException } from './persons.exception';

const logger = new Logger('Persons');

/**
 * Runs `work` on person `id`, turning a record that fails its integrity check or needs a KEK the
 * service lacks into a clear answer instead of a 500. What is logged is where, never the content.
 */
export async function withRecordErrors<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IntegrityError) {
      logger.error(`person ${id} failed its integrity check (${error.message}); nothing was returned`);
      throw new PersonException(
        PersonErrorCode.IntegrityFailure,
        'This record failed its integrity check and cannot be shown; report it to an administrator with the request id',
      );
    }
    if (error instanceof KeyFileError) {
      logger.error(`person ${id} needs a key the service does not have (${error.message})`);
      throw new PersonException(
        PersonErrorCode.KeyUnavailable,
        'A key needed for this record is not available; report it to an administrator with the request id',
      );
    }
    throw error;
  }
}
