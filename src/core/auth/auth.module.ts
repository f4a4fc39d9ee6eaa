import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountLockout } from './account-lockout';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BearerStrategy } from './bearer.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { TotpSecretRotation } from './totp-secret-rotation';

@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AuthController],
  providers: [
    AccountLockout,
    AuthService,
    BearerStrategy,
    LoginThrottleService,
    PasswordHasher,
    SessionService,
    TotpSecretRotation,
  ],
  exports: [PasswordHasher, SessionService, LoginThrottleService],
})
export class AuthModule {}
