import { HttpStatus } from '@nestjs/common';

/**
 * Failures that every domain keeping records can meet, declared once with their status. A domain
 * appends them to its own codes under its prefix (`appendCommonCodes`), so that the code a client
 * reads still says where it arose (`assistance_integrity_failure`) while what it means lives here.
 */
export const COMMON_FAILURES = {
  /** A stored record contradicts its keys (altered, moved, or under another key): nothing is returned. */
  IntegrityFailure: { suffix: 'integrity_failure', status: HttpStatus.CONFLICT },
  /** A key the record needs is not in the service's key file. */
  KeyUnavailable: { suffix: 'key_unavailable', status: HttpStatus.SERVICE_UNAVAILABLE },
  /** The record was changed since the caller read it (optimistic concurrency). */
  VersionConflict: { suffix: 'version_conflict', status: HttpStatus.CONFLICT },
} as const;

export type CommonFailure = keyof typeof COMMON_FAILURES;

/** The common codes of a domain whose codes start with `P`. */
export type CommonCodes<P extends string> = {
  readonly [F in CommonFailure]: `${P}_${(typeof COMMON_FAILURES)[F]['suffix']}`;
};

/** The values of a code object (`typeof XErrorCode[keyof typeof XErrorCode]`). */
export type CodeOf<T> = T[keyof T];

/** A domain's own codes with the common ones appended, as `<prefix>_<suffix>`. */
export function appendCommonCodes<const P extends string, const Own extends Record<string, string>>(
  prefix: P,
  own: Own,
): Own & CommonCodes<P> {
  const common = Object.fromEntries(
    Object.entries(COMMON_FAILURES).map(([name, failure]) => [name, `${prefix}_${failure.suffix}`]),
  ) as CommonCodes<P>;
  return { ...own, ...common };
}

/** The status of `code` when it is one of the common codes in `codes`; undefined for a domain's own code. */
export function commonStatusOf(codes: Record<string, string>, code: string): HttpStatus | undefined {
  const failure = (Object.keys(COMMON_FAILURES) as CommonFailure[]).find((name) => codes[name] === code);
  return failure ? COMMON_FAILURES[failure].status : undefined;
}
