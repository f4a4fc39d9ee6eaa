import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('refuses passwords shorter than 12 characters', () => {
    expect(passwordProblem('kG7#pLq2vX9')).toMatch(/at least 12/);
  });

  it('refuses passwords longer than 128 characters', () => {
    expect(passwordProblem('x'.repeat(129))).toMatch(/at most 128/);
  });

  it.each(['password1234', '123456789012', 'qwertyuiop12', 'aaaaaaaaaaaa', 'iloveyou1234'])(
    'refuses the common password %s',
    (p) => {
      expect(passwordProblem(p)).toMatch(/too common/);
    },
  );

  it('refuses a password built from the username', () => {
    expect(passwordProblem('caseworker.khujand1', ['caseworker.khujand'])).toMatch(/too common/);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('violet tractor under the Pamir sky')).toBeUndefined();
  });
});
