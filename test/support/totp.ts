import { totpCode, totpStep } from '../../src/core/auth/totp';
import { TestApp } from './test-app';

export function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Enrols and confirms TOTP for the token's user; returns the secret and the step the confirmation used. */
export async function enrolTotp(t: TestApp, token: string): Promise<{ secret: Buffer; confirmedStep: number }> {
  const auth = { Authorization: `Bearer ${token}` };
  const enrolment = await t.http().post('/auth/totp/enrol').set(auth);
  const secret = base32Decode(enrolment.body.secret);
  const confirmedStep = totpStep(Date.now());
  const confirmed = await t
    .http()
    .post('/auth/totp/confirm')
    .set(auth)
    .send({ code: totpCode(secret, confirmedStep) });
  if (confirmed.status !== 204) throw new Error(`TOTP confirmation failed with ${confirmed.status}`);
  return { secret, confirmedStep };
}
