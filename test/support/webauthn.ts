import { Role } from '../../src/core/access/role';
import { SoftAuthenticator } from './soft-authenticator';
import { createUser, login, TestApp, TestUser } from './test-app';

/** The origin the test app's WebAuthn configuration allows by default. */
export const TEST_ORIGIN = 'http://localhost:3000';

/** The relying party settings production requires, for tests that start the service in production. */
export const PRODUCTION_WEBAUTHN = {
  PANOH_WEBAUTHN_RP_ID: 'panoh.example.tj',
  PANOH_WEBAUTHN_RP_NAME: 'Panoh',
  PANOH_WEBAUTHN_ORIGINS: 'https://panoh.example.tj',
};

/** Registers `key` for the token's user; fails loudly unless it is stored. Returns the credential's id. */
export async function enrolSecurityKey(t: TestApp, token: string, key: SoftAuthenticator): Promise<string> {
  const auth = { Authorization: `Bearer ${token}` };
  const options = await t.http().post('/auth/webauthn/registration/options').set(auth);
  const stored = await t
    .http()
    .post('/auth/webauthn/credentials')
    .set(auth)
    .send({ label: 'Test key', credential: key.register(options.body) });
  if (stored.status !== 201)
    throw new Error(`key registration answered ${stored.status}: ${JSON.stringify(stored.body)}`);
  return stored.body.id as string;
}

/** Both steps of a sign-in with `key`; the session token (opened with a second factor). */
export async function signInWithKey(t: TestApp, user: TestUser, key: SoftAuthenticator): Promise<string> {
  const first = await t.http().post('/auth/login/password').send({ username: user.username, password: user.password });
  const done = await t
    .http()
    .post('/auth/login/second-factor')
    .send({ pendingSignIn: first.body.pendingSignIn, webauthn: key.assert(first.body.webauthn) });
  if (done.status !== 200) throw new Error(`sign-in with a key answered ${done.status}: ${JSON.stringify(done.body)}`);
  return done.body.accessToken as string;
}

/** A new user of `role` with a security key, signed in with it. */
export async function userSignedInWithKey(
  t: TestApp,
  role: Role = Role.Caseworker,
): Promise<{ user: TestUser; key: SoftAuthenticator; credentialId: string; token: string }> {
  const user = await createUser(t, role);
  const key = new SoftAuthenticator('localhost', TEST_ORIGIN);
  const credentialId = await enrolSecurityKey(t, await login(t, user), key);
  return { user, key, credentialId, token: await signInWithKey(t, user, key) };
}
