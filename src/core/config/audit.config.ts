import { registerAs } from '@nestjs/config';
import { Env, readInt } from './env';
import { parseAppConfig } from './app.config';

export interface AuditConfig {
  /** How often the service seals new audit events; 0 turns the scheduled sealer off. */
  sealIntervalSeconds: number;
  /** How long one sealing waits for open transactions before trying again next time. */
  sealWaitMs: number;
}

export function parseAuditConfig(env: Env): AuditConfig {
  const { nodeEnv } = parseAppConfig(env);
  return {
    sealIntervalSeconds: readInt(env, 'PANOH_AUDIT_SEAL_INTERVAL_SECONDS', nodeEnv === 'test' ? 0 : 10, 0, 86400),
    sealWaitMs: readInt(env, 'PANOH_AUDIT_SEAL_WAIT_MS', 2000, 0, 600000),
  };
}

export const auditConfig = registerAs('audit', () => parseAuditConfig(process.env));
