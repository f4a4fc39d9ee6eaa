import { Injectable } from '@nestjs/common';

/**
 * The application's time, for rules that wait for time to pass (login back-off, rate-limit windows).
 * One instance for the whole application, so a test can move it forward instead of sleeping; the
 * database keeps its own time wherever a record must carry the moment it really happened (audit
 * events, session and lock times).
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
