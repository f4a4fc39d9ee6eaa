import { recordErrorOf } from '../../../core/crypto/record-errors';
import { PersonErrorCode, PersonException } from './persons.exception';

/**
 * Runs `work` on person `id`, turning a record that fails its integrity check or needs a KEK the
 * service lacks into a clear answer instead of a 500.
 */
export async function withRecordErrors<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw recordErrorOf(
      error,
      `person ${id}`,
      (failure, message) => new PersonException(PersonErrorCode[failure], message),
    );
  }
}
