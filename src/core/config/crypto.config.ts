import * as path from 'node:path';
import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readOptionalString } from './env';
import { parseAppConfig } from './app.config';

export interface CryptoConfig {
  /** Path of the key file; in development it is created at first start. */
  keyFile: string;
  /** Key material given inline (base64 of the key file's JSON), for platforms that inject secrets as variables. */
  inlineKeys?: string;
  /** Development only: create the key file when it does not exist. */
  createIfMissing: boolean;
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
  };
}

export const cryptoConfig = registerAs('crypto', () => parseCryptoConfig(process.env));
