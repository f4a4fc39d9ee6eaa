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
  argon2: { memoryKiB: number; timeCost: number; parallelism: number };
}

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
    // OWASP's argon2id parameters of choice; changing them rehashes each password at its next login.
    argon2: { memoryKiB: 65536, timeCost: 3, parallelism: 1 },
  };
}

export const authConfig = registerAs('auth', () => parseAuthConfig(process.env));
