import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { DataSource } from 'typeorm';
import { KeyPurpose, KeyRing } from '../crypto/key-ring';
import { SecretBox } from '../crypto/secret-box';
import { SODIUM } from '../crypto/sodium.provider';
import type { Sodium } from '../crypto/sodium.provider';
import type { AccessDetail } from '../database/request-context';
import type { SecondFactorMethod } from './dto/sign-in.dto';
import { User } from './entities/user.entity';
import { OwnRecords } from './own-records';
import type { TakenPendingSignIn } from './pending-sign-ins';
import { RecoveryCodes } from './recovery-codes.service';
import { matchTotp } from './totp';
import { totpContext } from './totp-secret-rotation';
import { WebAuthnService } from './webauthn.service';

/** What a person offers at a sign-in's second step: exactly one second factor. */
export type SecondFactorProof =
  | { method: 'totp'; code: string }
  | { method: 'webauthn'; credential: AuthenticationResponseJSON }
  | { method: 'recovery_code'; code: string };

/** A second factor that held: which method, and what the audit event says of it (ids and counts). */
export interface ProvenFactor {
  method: SecondFactorMethod;
  detail: AccessDetail;
}

/**
 * Checks a second factor of an account whose password was right. Each proof is good once: a TOTP code's
 * step is remembered, a WebAuthn assertion signs the pending sign-in's own challenge and moves the
 * counter, a recovery code is marked used. Undefined when the proof fails, whatever the reason, so that
 * a refusal says nothing about which part was wrong.
 */
@Injectable()
export class SecondFactorCheck {
  private readonly totpBox: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly own: OwnRecords,
    private readonly webauthn: WebAuthnService,
    private readonly recoveryCodes: RecoveryCodes,
    @Inject(SODIUM) sodium: Sodium,
    keys: KeyRing,
  ) {
    this.totpBox = new SecretBox(sodium, keys, KeyPurpose.TotpSecret);
  }

  async prove(user: User, pending: TakenPendingSignIn, proof: SecondFactorProof): Promise<ProvenFactor | undefined> {
    switch (proof.method) {
      case 'totp':
        return (await this.totp(user.id, proof.code)) ? { method: 'totp', detail: {} } : undefined;
      case 'webauthn': {
        const challenge = pending.webauthnChallenge;
        if (!challenge) return undefined;
        const verified = await this.own.run(user.id, (manager) =>
          this.webauthn.verifyAssertion(manager, user.id, challenge, proof.credential),
        );
        return verified ? { method: 'webauthn', detail: { credentialId: verified.credentialId } } : undefined;
      }
      case 'recovery_code': {
        const remaining = await this.own.run(user.id, async (manager) =>
          (await this.recoveryCodes.consume(manager, user.id, proof.code))
            ? this.recoveryCodes.remaining(manager, user.id)
            : undefined,
        );
        return remaining === undefined
          ? undefined
          : { method: 'recovery_code', detail: { recoveryCodesRemaining: remaining } };
      }
    }
  }

  /** A TOTP code of the account, accepted once (its step is remembered under a row lock). */
  async totp(userId: string, code: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await manager
        .getRepository(User)
        .findOneOrFail({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!locked.totpSecret) return false;
      const secret = this.totpBox.open(locked.totpSecret, totpContext(userId, 'totp_secret'));
      const step = matchTotp(secret, code, Date.now(), locked.totpLastStep);
      if (step === undefined) return false;
      await manager.getRepository(User).update({ id: userId }, { totpLastStep: step });
      return true;
    });
  }
}
