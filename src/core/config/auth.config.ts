import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readBoolean, readInt } from './env';
import { parseAppConfig } from './app.config';

export interface AuthConfig {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  requireMfa: boolean;
  /** Failures for one username before each further attempt must wait (exponential backoff). */
  backoffAfterFailures: number;
  /** Failures for one account after which it is locked until an administrator unlocks it. */
  lockAfterFailures: number;
  /** Login attempts allowed from one client address per window. */
  addressAttemptsPerWindow: number;
  addressWindowSeconds: number;
  argon2: { readonly memoryKiB: number; readonly timeCost: number; readonly parallelism: number };
}

/** OWASP's argon2id parameters of choice; changing them rehashes each password at its next login. */
export const ARGON2 = { memoryKiB: 65536, timeCost: 3, parallelism: 1 } as const;

/**
 * Under NODE_ENV=test only: the same algorithm with the least work, so that a test's logins do not
 * depend on how fast the machine is. Nothing else selects them (a unit test keeps it so).
 */
export const TEST_ARGON2 = { memoryKiB: 1024, timeCost: 1, parallelism: 1 } as const;

export function parseAuthConfig(env: Env): AuthConfig {
  const { nodeEnv } = parseAppConfig(env);
  const idle = readInt(env, 'PANOH_SESSION_IDLE_MINUTES', 15, 1, 24 * 60) * 60;
  const absolute = readInt(env, 'PANOH_SESSION_MAX_HOURS', 8, 1, 72) * 3600;
  if (absolute < idle) {
    throw new ConfigError('PANOH_SESSION_MAX_HOURS', 'must not be shorter than PANOH_SESSION_IDLE_MINUTES');
  }
  const backoffAfterFailures = readInt(env, 'PANOH_LOGIN_BACKOFF_AFTER', 5, 1, 100);
  const lockAfterFailures = readInt(env, 'PANOH_LOGIN_LOCK_AFTER', 20, 2, 1000);
  if (lockAfterFailures <= backoffAfterFailures) {
    throw new ConfigError('PANOH_LOGIN_LOCK_AFTER', 'must be greater than PANOH_LOGIN_BACKOFF_AFTER');
  }
  return {
    idleTimeoutSeconds: idle,
    absoluteTimeoutSeconds: absolute,
    requireMfa: readBoolean(env, 'PANOH_REQUIRE_MFA', nodeEnv === 'production'),
    backoffAfterFailures,
    lockAfterFailures,
    addressAttemptsPerWindow: readInt(env, 'PANOH_LOGIN_ATTEMPTS_PER_ADDRESS', 30, 1, 100000),
    addressWindowSeconds: readInt(env, 'PANOH_LOGIN_ADDRESS_WINDOW_SECONDS', 300, 1, 86400),
    argon2: nodeEnv === 'test' ? TEST_ARGON2 : ARGON2,
  };
}

export const authConfig = registerAs('auth', () => parseAuthConfig(process.env));
