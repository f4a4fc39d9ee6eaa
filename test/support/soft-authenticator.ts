import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A WebAuthn authenticator in software, for tests: a P-256 key pair, attestation format `none`, and
 * the JSON a browser's PublicKeyCredential.toJSON() gives for navigator.credentials.create() and get().
 * Everything is built here from the specification (authenticator data, COSE key, CBOR, clientDataJSON),
 * so a test can also build what a real authenticator never would: another origin, a counter that went
 * back.
 */

type Cbor = number | string | Buffer | Cbor[] | Map<number | string, Cbor>;

/** The few CBOR types an attestation object needs (RFC 8949): integers, byte and text strings, arrays, maps. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('cbor: integers only');
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = [...value.entries()];
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

function head(major: number, length: number): Buffer {
  const type = major << 5;
  if (length < 24) return Buffer.from([type | length]);
  if (length < 0x100) return Buffer.from([type | 24, length]);
  if (length < 0x10000) {
    const out = Buffer.alloc(3);
    out[0] = type | 25;
    out.writeUInt16BE(length, 1);
    return out;
  }
  const out = Buffer.alloc(5);
  out[0] = type | 26;
  out.writeUInt32BE(length, 1);
  return out;
}

const FLAG_UP = 0x01;
const FLAG_AT = 0x40;

export interface CeremonyOptions {
  challenge: string;
}

export interface Overrides {
  origin?: string;
  rpId?: string;
  /** The signature counter to write instead of the next one. */
  counter?: number;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  /** The counter the next assertion writes (then counts up), as a hardware key keeps one. */
  counter = 0;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(
    readonly rpId = 'localhost',
    readonly origin = 'http://localhost:3000',
  ) {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' }));
  }

  get id(): string {
    return this.credentialId.toString('base64url');
  }

  /** What navigator.credentials.create() gives for `options`, as JSON. */
  register(options: CeremonyOptions, overrides: Overrides = {}) {
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, overrides);
    const authData = Buffer.concat([
      this.authDataHead(FLAG_UP | FLAG_AT, overrides.counter ?? this.counter, overrides),
      Buffer.alloc(16), // AAGUID: zeros, as attestation `none` allows
      u16(this.credentialId.length),
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cbor(
      new Map<string, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['usb'],
      },
      clientExtensionResults: {},
    };
  }

  /** What navigator.credentials.get() gives for `options`, as JSON; the counter moves on. */
  assert(options: CeremonyOptions, overrides: Overrides = {}) {
    if (overrides.counter === undefined) this.counter += 1;
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides);
    const authData = this.authDataHead(FLAG_UP, overrides.counter ?? this.counter, overrides);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]),
      this.privateKey,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
      clientExtensionResults: {},
    };
  }

  private clientData(type: string, challenge: string, overrides: Overrides): Buffer {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin: overrides.origin ?? this.origin, crossOrigin: false }),
      'utf8',
    );
  }

  private authDataHead(flags: number, counter: number, overrides: Overrides): Buffer {
    const rpIdHash = createHash('sha256')
      .update(overrides.rpId ?? this.rpId)
      .digest();
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([rpIdHash, Buffer.from([flags]), count]);
  }

  /** The public key as COSE (RFC 9053): EC2, ES256, P-256, x and y. */
  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
  }
}

function u16(n: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(n);
  return out;
}
