import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app-factory';
import { Role } from '../../src/core/access/role';
import { OrganisationsService } from '../../src/modules/organisations/organisations.service';
import type { OrganisationType } from '../../src/modules/organisations/organisation-codes';
import { KIND_OF_ROLE } from '../../src/modules/organisations/organisation-kinds';
import type { OrganisationKind } from '../../src/modules/organisations/organisation-kinds';
import { UsersService } from '../../src/modules/users/users.service';
import { createTestDatabase, TestDatabase } from './test-cluster';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  /** The app's PANOH_DATA_DIR, holding its development key file in keys/. */
  dataDir: string;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Settings every test app gets; a test adds its own on top. */
const TEST_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'test',
  PANOH_LOG_LEVEL: 'silent',
  PANOH_OPENAPI_DOCS: 'true',
  PANOH_LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
  PANOH_REQUIRE_MFA: 'false',
  // As behind one proxy: tests name their requests with X-Request-Id to find their audit events.
  PANOH_TRUST_PROXY_HOPS: '1',
};

/** The whole application on a fresh, migrated database of its own, with a key file in a temporary folder. */
export async function startTestApp(
  settings: Record<string, string> = {},
  db?: TestDatabase,
  extraModules: Array<Type | DynamicModule> = [],
): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-app-'));
  const saved = { ...process.env };
  Object.assign(process.env, TEST_DEFAULTS, { PANOH_DATA_DIR: dataDir }, settings);
  let app: INestApplication;
  try {
    app = await createApp(database.appUrl, extraModules);
    await app.init();
  } finally {
    process.env = saved;
  }
  return {
    app,
    db: database,
    dataDir,
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      if (!db) await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const STRONG_PASSWORD = 'violet tractor under the Pamir sky';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  organisationId: string;
  role: Role;
}

let counter = 0;

export async function createOrganisation(
  t: TestApp,
  name = `Organisation ${++counter} ${Date.now()}`,
  type: OrganisationType = 'Shelter',
  kind?: OrganisationKind,
): Promise<string> {
  const created = await t.app.get(OrganisationsService).create({ name, type, kind, region: 'TJ-SU' });
  return created.id;
}

/** One oversight body per app, where oversight roles go when a test names a service organisation. */
const oversightBodies = new WeakMap<TestApp, Promise<string>>();

function oversightBodyOf(t: TestApp): Promise<string> {
  let body = oversightBodies.get(t);
  if (!body) {
    body = createOrganisation(
      t,
      `Oversight body ${++counter} ${Date.now()}`,
      'CentralGovernmentOrganisation',
      'oversight',
    );
    oversightBodies.set(t, body);
  }
  return body;
}

/**
 * A user of `role`, in `organisationId` or in a new organisation of the kind its role works in. A
 * commission member, auditor or administrator named with a service organisation (as tests written
 * before organisation kinds did, to show the role sees nothing even there) is put in the app's
 * oversight body instead: the database no longer lets them sit where cases are, and what the role may
 * do does not depend on its organisation.
 */
export async function createUser(t: TestApp, role: Role, organisationId?: string): Promise<TestUser> {
  const oversightRole = KIND_OF_ROLE[role] === 'oversight';
  let org =
    organisationId ??
    (oversightRole
      ? await createOrganisation(t, undefined, 'CentralGovernmentOrganisation', 'oversight')
      : await createOrganisation(t));
  if (oversightRole && (await t.app.get(OrganisationsService).require(org)).kind === 'service') {
    org = await oversightBodyOf(t);
  }
  const username = `${role.replace('_', '')}.${++counter}.${Date.now().toString(36)}`;
  const created = await t.app
    .get(UsersService)
    .create({ username, organisationId: org, role, password: STRONG_PASSWORD });
  return { id: created.id, username, password: STRONG_PASSWORD, organisationId: org, role };
}

export async function login(
  t: TestApp,
  user: { username: string; password: string },
  totpCode?: string,
): Promise<string> {
  const response = await t
    .http()
    .post('/auth/login')
    .send({ username: user.username, password: user.password, ...(totpCode ? { totpCode } : {}) });
  if (response.status !== 200)
    throw new Error(`login failed with ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}

/**
 * Creates and logs in one user per name, each with its role in its organisation, into `users` and
 * `tokens` (in order: password hashing is the slow part and runs one at a time anyway).
 */
export async function signIn(
  t: TestApp,
  people: Record<string, [Role, string]>,
  into: { users?: Map<string, TestUser>; tokens: Map<string, string> },
): Promise<void> {
  for (const [name, [role, organisationId]] of Object.entries(people)) {
    const user = await createUser(t, role, organisationId);
    into.users?.set(name, user);
    into.tokens.set(name, await login(t, user));
  }
}
