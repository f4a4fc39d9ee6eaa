import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSession } from './entities/auth-session.entity';
import { LoginThrottle } from './entities/login-throttle.entity';
import { User } from './entities/user.entity';
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
import { TotpSecretRotation } from './totp-secret-rotation';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const ACCOUNT_ENTITIES = [User, AuthSession, LoginThrottle];

@Module({
  imports: [TypeOrmModule.forFeature(ACCOUNT_ENTITIES), PassportModule.register({ session: false })],
  controllers: [AuthController, AuthPagesController],
  providers: [
    AccountLockout,
    AccountPreferences,
    AuthService,
    BearerStrategy,
    CookieSessionStrategy,
    LoginThrottleService,
    PasswordHasher,
    PasswordReconfirmationGuard,
    SessionService,
    TotpSecretRotation,
  ],
  exports: [PasswordHasher, SessionService, LoginThrottleService, AuthService, PasswordReconfirmationGuard],
})
export class AuthModule {}
