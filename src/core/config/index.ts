import { parseAppConfig } from './app.config';
import { parseAuditConfig } from './audit.config';
import { parseAuthConfig } from './auth.config';
import { parseCryptoConfig } from './crypto.config';
import { parseDatabaseConfig } from './database.config';
import { parseStatisticsConfig } from './statistics.config';
import { parseNrmConfig } from './nrm.config';
import { parseTaskConfig } from './task.config';
import { parseWebAuthnConfig } from './webauthn.config';
import { Env } from './env';

export * from './app.config';
export * from './audit.config';
export * from './auth.config';
export * from './crypto.config';
export * from './database.config';
export * from './statistics.config';
export * from './nrm.config';
export * from './task.config';
export * from './webauthn.config';
export * from './config.error';

/** Reads every concern's settings once, so a wrong setting stops the service before anything starts. */
export function validateAllConfig(env: Env): void {
  parseAppConfig(env);
  parseDatabaseConfig(env);
  parseAuthConfig(env);
  parseCryptoConfig(env);
  parseAuditConfig(env);
  parseStatisticsConfig(env);
  parseNrmConfig(env);
  parseTaskConfig(env);
  parseWebAuthnConfig(env);
}
