import * as path from 'node:path';
import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readBoolean, readChoice, readInt, readString } from './env';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  dataDir: string;
  /** Body size limit for JSON requests. Large enough that an oversized field is named by validation. */
  jsonBodyLimit: string;
  /** The largest attachment accepted, in bytes (PANOH_ATTACHMENT_MAX_BYTES, 10 MiB by default). */
  attachmentMaxBytes: number;
  /** How long the author of a case note may still edit it, in minutes (PANOH_NOTE_EDIT_MINUTES, 15 by default). */
  noteEditMinutes: number;
  /** Trust X-Forwarded-For from this many proxies in front of the service. */
  trustProxyHops: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Serve the API description at /docs; off in production unless asked for (it maps every route). */
  openApiDocs: boolean;
  /**
   * The web interface's cookies carry Secure and the `__Host-` prefix: on in production, where the
   * service is reached over HTTPS (a proxy in front terminates TLS); off for http://localhost.
   */
  secureCookies: boolean;
}

export function parseAppConfig(env: Env): AppConfig {
  const nodeEnv = readChoice(env, 'NODE_ENV', NODE_ENVS, 'development');
  if (nodeEnv === 'test' && !underTestRunner()) {
    // Test mode lowers the password hashing cost and silences logs: never for a real database.
    throw new ConfigError('NODE_ENV', 'is "test", which only the test suite may use; use development or production');
  }
  return {
    nodeEnv,
    port: readInt(env, 'PORT', 3000, 0, 65535),
    dataDir: path.resolve(readString(env, 'PANOH_DATA_DIR', './.panoh')),
    jsonBodyLimit: '2mb',
    attachmentMaxBytes: readInt(env, 'PANOH_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    noteEditMinutes: readInt(env, 'PANOH_NOTE_EDIT_MINUTES', 15, 0, 24 * 60),
    trustProxyHops: readInt(env, 'PANOH_TRUST_PROXY_HOPS', 0, 0, 10),
    logLevel: readChoice(
      env,
      'PANOH_LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    openApiDocs: readBoolean(env, 'PANOH_OPENAPI_DOCS', nodeEnv !== 'production'),
    secureCookies: readBoolean(env, 'PANOH_SECURE_COOKIES', nodeEnv === 'production'),
  };
}

/** Jest names each of its workers (and the processes they start inherit it). */
function underTestRunner(): boolean {
  return process.env.JEST_WORKER_ID !== undefined;
}

export const appConfig = registerAs('app', () => parseAppConfig(process.env));
