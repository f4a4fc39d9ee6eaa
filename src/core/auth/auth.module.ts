import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSession } from './entities/auth-session.entity';
import { LoginThrottle } from './entities/login-throttle.entity';
import { PendingSignIn } from './entities/pending-sign-in.entity';
import { RecoveryCode } from './entities/recovery-code.entity';
import { User } from './entities/user.entity';
import { WebAuthnChallenge } from './entities/webauthn-challenge.entity';
import { WebAuthnCredential } from './entities/webauthn-credential.entity';
import { PassportModule } from '@nestjs/passport';
import { AccountLockout } from './account-lockout';
import { AccountPreferences } from './account-preferences';
import { CookieSessionStrategy } from './cookie-session.strategy';
import { AuthPagesController } from './pages/auth-pages.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BearerStrategy } from './bearer.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { PasswordReconfirmationGuard } from './password-reconfirmation';
import { SessionService } from './session.service';
import { OwnRecords } from './own-records';
import { OwnSessions } from './own-sessions';
import { PendingSignIns } from './pending-sign-ins';
import { RecoveryCodes } from './recovery-codes.service';
import { SecondFactorCheck } from './second-factor-check';
import { TotpSecretRotation } from './totp-secret-rotation';
import { WebAuthnController } from './webauthn.controller';
import { WebAuthnService } from './webauthn.service';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const ACCOUNT_ENTITIES = [
  User,
  AuthSession,
  LoginThrottle,
  WebAuthnCredential,
  WebAuthnChallenge,
  RecoveryCode,
  PendingSignIn,
];

@Module({
  imports: [TypeOrmModule.forFeature(ACCOUNT_ENTITIES), PassportModule.register({ session: false })],
  controllers: [AuthController, AuthPagesController, WebAuthnController],
  providers: [
    AccountLockout,
    AccountPreferences,
    AuthService,
    BearerStrategy,
    CookieSessionStrategy,
    LoginThrottleService,
    OwnRecords,
    OwnSessions,
    PasswordHasher,
    PendingSignIns,
    RecoveryCodes,
    SecondFactorCheck,
    PasswordReconfirmationGuard,
    SessionService,
    TotpSecretRotation,
    WebAuthnService,
  ],
  exports: [AuthService, PasswordHasher, SessionService, LoginThrottleService, WebAuthnService, RecoveryCodes, PasswordReconfirmationGuard],
})
export class AuthModule {}
