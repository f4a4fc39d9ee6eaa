import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { AuthenticatedUser } from '../access/authenticated-user';
import { SessionService } from './session.service';

/** `Authorization: Bearer <token>` → the session's user, or 401. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly sessions: SessionService) {
    super();
  }

  async validate(token: string): Promise<AuthenticatedUser | false> {
    return (await this.sessions.authenticate(token)) ?? false;
  }
}
