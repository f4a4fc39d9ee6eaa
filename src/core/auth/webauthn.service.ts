import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../access/authenticated-user';
import { AuditAction, outcomeOfStatus } from '../audit/audit-action';
import { AuditWriter } from '../audit/audit.writer';
import { webAuthnConfig } from '../config/webauthn.config';
import { RequestContext } from '../database/request-context';
import { isUniqueViolation } from '../http/database-unavailable';
import { Clock } from '../time/clock';
import { AuthErrorCode, AuthException } from './auth.exception';
import { ClientInfo } from './client-info';
import { TRANSPORTS, WebAuthnCredentialDto } from './dto/webauthn.dto';
import { WebAuthnCredential } from './entities/webauthn-credential.entity';
import { OwnRecords } from './own-records';
import { PENDING_SIGN_IN_SECONDS } from './pending-sign-ins';

/** What an assertion proved: which of the account's credentials signed it. */
export interface VerifiedAssertion {
  credentialId: string;
}

/**
 * WebAuthn ceremonies (security keys, passkeys) with @simplewebauthn/server: registration from a
 * session, and the assertion of a sign-in's second step. The relying party comes from configuration;
 * attestation is not asked for (`none`): Panoh trusts the person who enrols a key from their own
 * session, not a make of key. User verification is preferred, not required: the key is a second factor
 * after the password, and its presence is what is proven.
 */
@Injectable()
export class WebAuthnService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requestContext: RequestContext,
    private readonly own: OwnRecords,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(webAuthnConfig.KEY) private readonly config: ConfigType<typeof webAuthnConfig>,
  ) {}

  /** Options for navigator.credentials.create(); their challenge is good once, for a few minutes. */
  async registrationOptions(caller: AuthenticatedUser): Promise<PublicKeyCredentialCreationOptionsJSON> {
    requireFactorSession(caller);
    return this.own.run(caller.userId, async (manager) => {
      const existing = await this.credentialsOf(manager, caller.userId);
      const options = await generateRegistrationOptions({
        rpName: this.config.rpName,
        rpID: this.config.rpId,
        userName: caller.username,
        // The user handle an authenticator keeps: the account's id, which says nothing about the person.
        userID: Buffer.from(caller.userId.replace(/-/g, ''), 'hex'),
        attestationType: 'none',
        excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
        timeout: this.config.challengeSeconds * 1000,
      });
      const now = this.clock.now();
      await manager.query(
        `DELETE FROM webauthn_challenge WHERE user_id = $1 AND (used_at IS NOT NULL OR expires_at <= $2)`,
        [caller.userId, now],
      );
      await manager.query(`INSERT INTO webauthn_challenge (challenge, user_id, expires_at) VALUES ($1, $2, $3)`, [
        options.challenge,
        caller.userId,
        new Date(now.getTime() + this.config.challengeSeconds * 1000),
      ]);
      return options;
    });
  }

  /**
   * Checks what navigator.credentials.create() gave and stores the credential. Audited here rather than
   * by the route, as login is: the challenge is used up by the attempt, whether it succeeds or not, and
   * that must outlive a refusal.
   */
  async register(
    caller: AuthenticatedUser,
    label: string,
    credential: RegistrationResponseJSON,
    client: ClientInfo,
  ): Promise<WebAuthnCredentialDto> {
    try {
      return await this.attemptRegistration(caller, label, credential, client);
    } catch (error) {
      if (error instanceof AuthException) {
        await this.audit.append(this.dataSource.manager, {
          action: AuditAction.WebAuthnCredentialAdded,
          outcome: outcomeOfStatus(error.status),
          statusCode: error.status,
          actor: actorOf(caller),
          requestId: client.requestId,
          clientAddress: client.address,
          detail: { reason: error.code },
        });
      }
      throw error;
    }
  }

  private async attemptRegistration(
    caller: AuthenticatedUser,
    label: string,
    credential: RegistrationResponseJSON,
    client: ClientInfo,
  ): Promise<WebAuthnCredentialDto> {
    requireFactorSession(caller);
    const challenge = challengeOf(credential.response.clientDataJSON);
    const taken =
      challenge !== undefined &&
      (await this.own.run(caller.userId, async (manager) => {
        const rows: unknown[] = await manager.query(
          `WITH taken AS (
             UPDATE webauthn_challenge SET used_at = now()
             WHERE challenge = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > $3 RETURNING challenge)
           SELECT * FROM taken`,
          [challenge, caller.userId, this.clock.now()],
        );
        return rows.length === 1;
      }));
    if (!taken) {
      throw new AuthException(
        AuthErrorCode.ChallengeInvalid,
        'The registration challenge is unknown, used or expired: ask for new options',
        'credential',
      );
    }
    let verification: VerifiedRegistrationResponse;
    try {
      verification = await verifyRegistrationResponse({
        response: credential,
        expectedChallenge: challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpId,
        requireUserVerification: false,
      });
    } catch {
      verification = { verified: false };
    }
    if (!verification.verified) {
      throw new AuthException(
        AuthErrorCode.RegistrationInvalid,
        'The authenticator response does not verify for this service',
        'credential',
      );
    }
    const info = verification.registrationInfo;
    const stored: WebAuthnCredential = {
      id: randomUUID(),
      userId: caller.userId,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: (credential.response.transports ?? []).filter((t) => (TRANSPORTS as readonly string[]).includes(t)),
      label,
      backedUp: info.credentialBackedUp,
      createdAt: new Date(),
      lastUsedAt: null,
    };
    try {
      await this.own.run(caller.userId, async (manager) => {
        await manager.getRepository(WebAuthnCredential).insert(stored);
        await this.audit.append(manager, {
          action: AuditAction.WebAuthnCredentialAdded,
          outcome: 'allowed',
          statusCode: 201,
          actor: actorOf(caller),
          requestId: client.requestId,
          clientAddress: client.address,
          detail: { credentialId: stored.id, backedUp: stored.backedUp, transports: stored.transports },
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AuthException(
        AuthErrorCode.CredentialAlreadyRegistered,
        'This authenticator is registered already',
        'credential',
      );
    }
    return toCredentialDto(stored);
  }

  async list(caller: AuthenticatedUser): Promise<WebAuthnCredentialDto[]> {
    return this.own.run(caller.userId, async (manager) =>
      (await this.credentialsOf(manager, caller.userId)).map(toCredentialDto),
    );
  }

  /** Removes one of the caller's credentials; 404 for any other id, as for one that does not exist. */
  async remove(caller: AuthenticatedUser, id: string): Promise<void> {
    requireFactorSession(caller);
    this.requestContext.recordAccess({ detail: { credentialId: id } });
    const removed = await this.own.run(caller.userId, async (manager) => {
      const rows: unknown[] = await manager.query(
        `WITH removed AS (DELETE FROM webauthn_credential WHERE id = $1 AND user_id = $2 RETURNING id)
         SELECT * FROM removed`,
        [id, caller.userId],
      );
      return rows.length;
    });
    if (removed === 0) throw new AuthException(AuthErrorCode.CredentialNotFound, 'No such credential', 'id');
  }

  /** Options for navigator.credentials.get() naming the account's credentials; none without any. */
  async authenticationOptions(
    manager: EntityManager,
    userId: string,
  ): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
    const credentials = await this.credentialsOf(manager, userId);
    if (credentials.length === 0) return undefined;
    return generateAuthenticationOptions({
      rpID: this.config.rpId,
      allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
      userVerification: 'preferred',
      timeout: PENDING_SIGN_IN_SECONDS * 1000,
    });
  }

  /**
   * Checks an assertion against the challenge of its pending sign-in: one of the account's credentials,
   * the origin and relying party configured, a signature by its key, and a signature counter above the
   * one stored (unless the authenticator keeps none: both 0), which then moves up. The credential's row
   * is locked meanwhile, so two assertions cannot both pass one counter value. `manager` runs with the
   * account as caller; undefined when anything fails.
   */
  async verifyAssertion(
    manager: EntityManager,
    userId: string,
    challenge: string,
    assertion: AuthenticationResponseJSON,
  ): Promise<VerifiedAssertion | undefined> {
    const credential = await manager.getRepository(WebAuthnCredential).findOne({
      where: { userId, credentialId: assertion.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!credential) return undefined;
    let newCounter: number;
    let backedUp: boolean;
    try {
      const result = await verifyAuthenticationResponse({
        response: assertion,
        expectedChallenge: challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpId,
        credential: {
          id: credential.credentialId,
          publicKey: new Uint8Array(credential.publicKey),
          counter: credential.signCount,
          transports: credential.transports,
        },
        requireUserVerification: false,
      });
      if (!result.verified) return undefined;
      ({ newCounter, credentialBackedUp: backedUp } = result.authenticationInfo);
    } catch {
      // The library throws for a wrong challenge, origin, relying party, signature or counter alike.
      return undefined;
    }
    await manager
      .getRepository(WebAuthnCredential)
      .update({ id: credential.id }, { signCount: newCounter, backedUp, lastUsedAt: new Date() });
    return { credentialId: credential.id };
  }

  private credentialsOf(manager: EntityManager, userId: string): Promise<WebAuthnCredential[]> {
    return manager.getRepository(WebAuthnCredential).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }
}

/**
 * Adding or removing a second factor of an account that has one needs a session opened with one: a
 * session opened with the password alone, before the account had a factor, must not add a key of its
 * own holder's choosing, or remove the real one.
 */
function requireFactorSession(caller: AuthenticatedUser): void {
  if (caller.mfaEnrolled && !caller.secondFactor) {
    throw new AuthException(
      AuthErrorCode.SecondFactorSessionRequired,
      'This account has a second factor: sign in with it before changing its security keys',
    );
  }
}

/** The challenge a browser wrote into clientDataJSON, if it reads as one. */
export function challengeOf(clientDataJSON: string): string | undefined {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = (data as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === 'string' && /^[A-Za-z0-9_-]{43}$/.test(challenge) ? challenge : undefined;
  } catch {
    return undefined;
  }
}

function toCredentialDto(credential: WebAuthnCredential): WebAuthnCredentialDto {
  return {
    id: credential.id,
    label: credential.label,
    transports: credential.transports,
    backedUp: credential.backedUp,
    createdAt: credential.createdAt.toISOString(),
    lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
  };
}

function actorOf(user: AuthenticatedUser): { userId: string; organisationId: string; role: AuthenticatedUser['role'] } {
  return { userId: user.userId, organisationId: user.organisationId, role: user.role };
}
