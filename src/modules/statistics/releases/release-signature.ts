import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KeyRing } from '../../../core/crypto/key-ring';
import { SODIUM } from '../../../core/crypto/sodium.provider';
import type { Sodium } from '../../../core/crypto/sodium.provider';
import type { PublishedTable, PublishedTimeliness, ReleaseSummary } from './release-contract';

/** What a release's signature covers. */
export interface SignedRelease {
  summary: Omit<ReleaseSummary, 'signature'>;
  tables: readonly PublishedTable[];
  timeliness: PublishedTimeliness | null;
  tablesCsv: string;
  ctdcCsv: string;
}

/** JSON with every object's keys in code-point order and no spaces: one text per value. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined) return 'null';
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('stableJson: not a finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The canonical bytes of a release (docs/statistics.md): the UTF-8 of the stable JSON of
 * { summary without its signature, tables, timeliness, tablesCsvSha256, ctdcCsvSha256 }, the two
 * digests being the SHA-256 (hex) of the stored CSV texts in UTF-8.
 */
export function canonicalBytes(release: SignedRelease): Buffer {
  return Buffer.from(
    stableJson({
      summary: release.summary,
      tables: release.tables,
      timeliness: release.timeliness,
      tablesCsvSha256: sha256(release.tablesCsv),
      ctdcCsvSha256: sha256(release.ctdcCsv),
    }),
    'utf8',
  );
}

/**
 * Signs releases with Ed25519. The key pair is derived from the key ring's audit signing seed (as the
 * audit chain's keys are, with a context of its own), so it needs no key material of its own and is
 * backed up with the key file; each release stores the public key it was signed with.
 */
@Injectable()
export class ReleaseSignature {
  readonly publicKey: Uint8Array;
  private readonly secretKey: Uint8Array;

  constructor(
    @Inject(SODIUM) private readonly sodium: Sodium,
    keys: KeyRing,
  ) {
    const pair = sodium.crypto_sign_seed_keypair(
      sodium.crypto_kdf_derive_from_key(32, 1, 'panohrel', keys.auditSigningSeed),
    );
    this.publicKey = pair.publicKey;
    this.secretKey = pair.privateKey;
  }

  get publicKeyBase64(): string {
    return Buffer.from(this.publicKey).toString('base64');
  }

  sign(release: SignedRelease): string {
    return Buffer.from(this.sodium.crypto_sign_detached(canonicalBytes(release), this.secretKey)).toString('base64');
  }

  /** Whether `signature` is the signature of `release` under the public key the release names. */
  verify(release: SignedRelease, signature: string): boolean {
    try {
      return this.sodium.crypto_sign_verify_detached(
        Buffer.from(signature, 'base64'),
        canonicalBytes(release),
        Buffer.from(release.summary.publicKey, 'base64'),
      );
    } catch {
      return false;
    }
  }
}
