import { Clock } from '../../src/core/time/clock';
import type { TestApp } from './test-app';

export interface TestClock {
  /** Moves the app's time on, as if `seconds` had passed. */
  advance(seconds: number): void;
  /** Gives the app its real clock back. */
  restore(): void;
}

/**
 * Stops the app's Clock at the present moment: from then on time passes for the app only when the test
 * says so, however slow the machine is. The database's own time is untouched.
 */
export function freezeClock(t: TestApp): TestClock {
  const clock = t.app.get(Clock);
  let now = Date.now();
  // An own property shadows the class's method; deleting it brings the real one back.
  clock.now = () => new Date(now);
  return {
    advance(seconds: number) {
      now += seconds * 1000;
    },
    restore() {
      delete (clock as Partial<Clock>).now;
    },
  };
}
