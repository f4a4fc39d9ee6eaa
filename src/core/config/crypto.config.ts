import * as path from 'node:path';
import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readInt, readOptionalString } from './env';
import { parseAppConfig } from './app.config';

export interface CryptoConfig {
  /** Path of the key file; in development it is created at first start. */
  keyFile: string;
  /** Key material given inline (base64 of the key file's JSON), for platforms that inject secrets as variables. */
  inlineKeys?: string;
  /** Development only: create the key file when it does not exist. */
  createIfMissing: boolean;
  /** Expected number of persons the blind indexes will hold; it fixes their bit length (docs/crypto.md). */
  blindIndexPopulation: number;
  /** Duplicate checks one user may run per window. */
  duplicateChecksPerWindow: number;
  duplicateCheckWindowSeconds: number;
}

export function parseCryptoConfig(env: Env): CryptoConfig {
  const { nodeEnv, dataDir } = parseAppConfig(env);
  const keyFile = readOptionalString(env, 'PANOH_KEY_FILE');
  const inlineKeys = readOptionalString(env, 'PANOH_KEYS');
  if (nodeEnv === 'production' && !keyFile && !inlineKeys) {
    throw new ConfigError(
      'PANOH_KEY_FILE',
      'is required in production (or PANOH_KEYS); development keys are never generated in production',
    );
  }
  return {
    keyFile: path.resolve(keyFile ?? path.join(dataDir, 'keys', 'panoh-keys.json')),
    inlineKeys,
    createIfMissing: nodeEnv !== 'production' && !keyFile && !inlineKeys,
    blindIndexPopulation: readInt(env, 'PANOH_BLIND_INDEX_POPULATION', 100000, 16, 1_000_000_000),
    duplicateChecksPerWindow: readInt(env, 'PANOH_DUPLICATE_CHECKS_PER_WINDOW', 30, 1, 100000),
    duplicateCheckWindowSeconds: readInt(env, 'PANOH_DUPLICATE_CHECK_WINDOW_SECONDS', 3600, 1, 86400),
  };
}

export const cryptoConfig = registerAs('crypto', () => parseCryptoConfig(process.env));
