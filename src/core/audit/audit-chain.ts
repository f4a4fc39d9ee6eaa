import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KeyRing } from '../crypto/key-ring';
import { SODIUM } from '../crypto/sodium.provider';
import type { Sodium } from '../crypto/sodium.provider';

export const GENESIS: Buffer = Buffer.alloc(32);

/**
 * The chain over audit events: hash(n) = HMAC-SHA-256(chain key, hash(n-1) || canonical(event n)),
 * in sequence order. Keyed, so that whoever can write to the database cannot recompute a consistent
 * chain after changing an event; heads are signed with Ed25519 so that anyone holding the public
 * key can check an exported head. Both keys are derived from the key ring's audit signing seed.
 */
@Injectable()
export class AuditChain {
  private readonly chainKey: Buffer;
  readonly publicKey: Uint8Array;
  private readonly secretKey: Uint8Array;

  constructor(
    @Inject(SODIUM) private readonly sodium: Sodium,
    keys: KeyRing,
  ) {
    this.chainKey = Buffer.from(sodium.crypto_kdf_derive_from_key(32, 1, 'panohaud', keys.auditSigningSeed));
    const pair = sodium.crypto_sign_seed_keypair(
      sodium.crypto_kdf_derive_from_key(32, 2, 'panohaud', keys.auditSigningSeed),
    );
    this.publicKey = pair.publicKey;
    this.secretKey = pair.privateKey;
  }

  link(previous: Buffer, canonical: string): Buffer {
    return createHmac('sha256', this.chainKey).update(previous).update(canonical, 'utf8').digest();
  }

  sign(head: SealedHead): Buffer {
    return Buffer.from(this.sodium.crypto_sign_detached(headMessage(head), this.secretKey));
  }

  verifySignature(head: SealedHead, signature: Uint8Array, publicKey: Uint8Array = this.publicKey): boolean {
    try {
      return this.sodium.crypto_sign_verify_detached(signature, headMessage(head), publicKey);
    } catch {
      return false;
    }
  }
}

export interface SealedHead {
  upToSeq: number;
  eventCount: number;
  headHash: Buffer;
  sealedAt: Date;
}

export function headMessage(head: SealedHead): Buffer {
  return Buffer.from(
    [
      'panoh-audit-head/1',
      head.upToSeq,
      head.eventCount,
      head.headHash.toString('hex'),
      head.sealedAt.toISOString(),
    ].join('\n'),
    'utf8',
  );
}

/**
 * The canonical text of an event, made by PostgreSQL so that it does not depend on the client's time
 * zone or number formats. Every column but the transaction id is covered.
 */
export const CANONICAL_EVENT_SQL = `json_build_array(seq,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  actor_user_id, actor_organisation_id, actor_role, action, outcome, status_code,
  case_ids, person_ids, view, fields, request_id, client_address, detail)::text`;
