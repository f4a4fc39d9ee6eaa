import { HttpStatus } from '@nestjs/common';

/**
 * Base of each domain's exception. A domain names its failures with a code enum and maps each code to
 * an HTTP status in one exhaustive switch; the exception filter turns it into the error body.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    /** The input field at fault, named in the error body. */
    readonly field?: string,
    /** For 429 answers: seconds until a retry may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }

  abstract get status(): HttpStatus;

  /** Headers the answer carries besides the body, such as a 401's `WWW-Authenticate`. */
  get headers(): Record<string, string> {
    return {};
  }
}
