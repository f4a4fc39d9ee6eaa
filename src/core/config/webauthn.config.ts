import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readInt, readOptionalString, readString } from './env';
import { parseAppConfig } from './app.config';

export interface WebAuthnConfig {
  /** The relying party id: the domain credentials are bound to (the origin's host or a parent of it). */
  rpId: string;
  /** The name an authenticator shows when it creates a credential. */
  rpName: string;
  /** The origins whose pages may run the ceremonies: what the browser writes into clientDataJSON. */
  origins: string[];
  /** How long a registration challenge stays good (a pending sign-in's own limit is fixed). */
  challengeSeconds: number;
}

const NAMES = {
  rpId: 'PANOH_WEBAUTHN_RP_ID',
  rpName: 'PANOH_WEBAUTHN_RP_NAME',
  origins: 'PANOH_WEBAUTHN_ORIGINS',
} as const;

/**
 * A credential is bound to its relying party id for good: a deployment that changed it would lock out
 * every key enrolled. Production therefore names all three settings itself; development defaults to
 * the local service.
 */
export function parseWebAuthnConfig(env: Env): WebAuthnConfig {
  const { nodeEnv, port } = parseAppConfig(env);
  const production = nodeEnv === 'production';
  if (production) {
    for (const name of Object.values(NAMES)) {
      if (!readOptionalString(env, name)) {
        throw new ConfigError(name, 'is required in production: credentials are bound to it for good');
      }
    }
  }
  const rpId = readString(env, NAMES.rpId, 'localhost').toLowerCase();
  if (!/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(rpId)) {
    throw new ConfigError(NAMES.rpId, 'must be a domain name without scheme or port, such as panoh.example.tj');
  }
  const rpName = readString(env, NAMES.rpName, 'Panoh');
  if (rpName.length > 64 || /[\p{Cc}]/u.test(rpName)) {
    throw new ConfigError(NAMES.rpName, 'must be at most 64 characters, without control characters');
  }
  const origins = readString(env, NAMES.origins, `http://localhost:${port}`)
    .split(',')
    .map((origin) => parseOrigin(origin.trim(), rpId, production));
  return {
    rpId,
    rpName,
    origins,
    challengeSeconds: readInt(env, 'PANOH_WEBAUTHN_CHALLENGE_SECONDS', 300, 30, 900),
  };
}

function parseOrigin(raw: string, rpId: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(NAMES.origins, 'must be a comma-separated list of origins such as https://panoh.example.tj');
  }
  if (url.origin !== raw) {
    throw new ConfigError(NAMES.origins, 'must list origins only: scheme, host and port, no path or trailing slash');
  }
  // Browsers run WebAuthn only in a secure context; plain http is one only on localhost.
  if (url.protocol !== 'https:' && (production || url.hostname !== 'localhost')) {
    throw new ConfigError(NAMES.origins, 'must use https (http only for localhost, outside production)');
  }
  if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`)) {
    throw new ConfigError(NAMES.origins, `must be ${NAMES.rpId} or a subdomain of it`);
  }
  return url.origin;
}

export const webAuthnConfig = registerAs('webauthn', () => parseWebAuthnConfig(process.env));
