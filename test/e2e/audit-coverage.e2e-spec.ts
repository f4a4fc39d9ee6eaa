import type { Test } from 'supertest';
import { CSRF_FIELD, csrfTokenFor } from '../../src/core/web/csrf';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLE_PERMISSIONS, VICTIM_DATA_PERMISSIONS } from '../../src/core/access/permission';
import type { Permission } from '../../src/core/access/permission';
import { listRoutes, RouteEntry } from '../../src/core/guard/route-inventory';
import { Role, ROLES } from '../../src/core/access/role';
import { unauditedVictimDataRoutes } from '../../src/core/guard/audit-coverage';
import { callerWith, inDays } from '../support/api';
import { shareCase } from '../support/shares';
import { pdfFixture } from '../support/file-fixtures';
import { asSuperuser } from '../support/test-cluster';
import { totpCode, totpStep } from '../../src/core/auth/totp';
import { createOrganisation, createUser, login, startTestApp, STRONG_PASSWORD, TestApp } from '../support/test-app';
import { base32Decode } from '../support/totp';
import { userSignedInWithKey } from '../support/webauthn';

type Call = (http: ReturnType<typeof request>, path: string) => request.Test;

/**
 * How to call each audited route successfully: which role, which path (ids filled in by `prepare`),
 * which body. A new audited route without an entry here fails the walk below.
 */
interface Fixture {
  role: Role;
  /**
   * Makes what the call needs, as the fixture's role (its token given); returns path parameters and ids,
   * and `token` when the call must be made by another session (one opened with a second factor).
   */
  prepare?: (t: TestApp, token: string) => Promise<Record<string, string>>;
  call: Call;
  body?: (values: Record<string, string>) => Record<string, unknown>;
}

/**
 * The call made as the holder of `token`: the API with the bearer token, a page with the session
 * cookie and, for a form, the body sent as a form with the session's form token.
 */
function asCaller(call: Test, path: string, token: string, body?: Record<string, unknown>): Test {
  if (!path.startsWith('/ui/')) {
    const authorised = call.set('Authorization', `Bearer ${token}`);
    return body ? authorised.send(body) : authorised;
  }
  const signedIn = call.set('Cookie', `panoh_session=${token}`).redirects(0);
  if (call.method === 'GET') return signedIn;
  // A form with a file (an attachment) is multipart: its form token goes in as one more field.
  if ((call as unknown as { _formData?: unknown })._formData)
    return signedIn.field(CSRF_FIELD, csrfTokenFor(token, 'session'));
  return signedIn.type('form').send({ ...(body ?? {}), [CSRF_FIELD]: csrfTokenFor(token, 'session') });
}

const FIXTURES: Record<string, Fixture> = {
  'POST /organisations': {
    role: Role.Admin,
    call: (http, path) => http.post(path).send({ name: `Walk ${randomUUID()}`, type: 'NGO', region: 'TJ-RA' }),
  },
  'POST /users': {
    role: Role.Admin,
    prepare: async (t) => ({ organisationId: await createOrganisation(t) }),
    call: (http, path) => http.post(path),
    body: (values) => ({
      username: `walk.${randomUUID().slice(0, 8)}`,
      organisationId: values.organisationId,
      role: 'caseworker',
    }),
  },
  'POST /users/:id/disable': { role: Role.Admin, prepare: someUser, call: (http, path) => http.post(path) },
  'POST /users/:id/enable': { role: Role.Admin, prepare: someUser, call: (http, path) => http.post(path) },
  'POST /users/:id/unlock': { role: Role.Admin, prepare: someUser, call: (http, path) => http.post(path) },
  'PATCH /users/:id/role': {
    role: Role.Admin,
    prepare: someUser,
    call: (http, path) => http.patch(path).send({ role: 'org_manager' }),
  },
  'GET /audit': { role: Role.Auditor, call: (http, path) => http.get(path) },
  'GET /statistics/releases': { role: Role.Commission, call: (http, path) => http.get(path) },
  'GET /statistics/releases/:id': { role: Role.Commission, prepare: aRelease, call: (http, path) => http.get(path) },
  'GET /statistics/releases/:id/tables.csv': {
    role: Role.Commission,
    prepare: aRelease,
    call: (http, path) => http.get(path),
  },
  'GET /statistics/releases/:id/ctdc.csv': {
    role: Role.Commission,
    prepare: aRelease,
    call: (http, path) => http.get(path),
  },
  'GET /statistics/requests/allowance': { role: Role.Commission, call: (http, path) => http.get(path) },
  'POST /statistics/requests': {
    role: Role.Commission,
    prepare: aRelease,
    call: (http, path) => http.post(path),
    body: () => ({ dimensions: ['region', 'stage'] }),
  },
  'POST /statistics/releases': {
    role: Role.Admin,
    call: (http, path) => http.post(path),
    body: () => ({ period: '2024' }),
  },
  'POST /auth/totp/enrol': { role: Role.Auditor, call: (http, path) => http.post(path) },
  'POST /auth/totp/confirm': {
    role: Role.Investigator,
    prepare: async (t, token) => {
      const enrolment = await t.http().post('/auth/totp/enrol').set('Authorization', `Bearer ${token}`);
      return { code: totpCode(base32Decode(enrolment.body.secret), totpStep(Date.now())) };
    },
    call: (http, path) => http.post(path),
    body: (values) => ({ code: values.code }),
  },
  'POST /ui/account/totp': { role: Role.Auditor, call: (http, path) => http.post(path) },
  'POST /ui/account/security-keys/options': { role: Role.Auditor, call: (http, path) => http.post(path) },
  'POST /ui/account/security-keys/:id/remove': {
    role: Role.Caseworker,
    prepare: async (t) => {
      const { token, credentialId } = await userSignedInWithKey(t);
      return { token, id: credentialId };
    },
    call: (http, path) => http.post(path),
  },
  'POST /ui/account/recovery-codes': {
    role: Role.Caseworker,
    prepare: async (t) => ({ token: (await userSignedInWithKey(t)).token }),
    call: (http, path) => http.post(path),
  },
  'POST /ui/account/totp/confirm': {
    role: Role.Commission,
    prepare: async (t, token) => {
      const enrolment = await t.http().post('/auth/totp/enrol').set('Authorization', `Bearer ${token}`);
      return { code: totpCode(base32Decode(enrolment.body.secret), totpStep(Date.now())) };
    },
    call: (http, path) => http.post(path),
    body: (values) => ({ code: values.code }),
  },
  'POST /users/:id/second-factor/reset': { role: Role.Admin, prepare: someUser, call: (http, path) => http.post(path) },
  'POST /auth/webauthn/registration/options': { role: Role.Commission, call: (http, path) => http.post(path) },
  'DELETE /auth/webauthn/credentials/:id': {
    role: Role.Caseworker,
    prepare: async (t) => {
      const { token, credentialId } = await userSignedInWithKey(t);
      return { token, id: credentialId };
    },
    call: (http, path) => http.delete(path),
  },
  'POST /auth/recovery-codes': {
    role: Role.Caseworker,
    prepare: async (t) => ({ token: (await userSignedInWithKey(t)).token }),
    call: (http, path) => http.post(path),
  },
  // Pages of referrals, notifications, the investigation and the access log.
  'GET /ui/referrals': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'GET /ui/referrals/:id': { role: Role.Caseworker, prepare: sentReferral, call: (http, path) => http.get(path) },
  'GET /ui/referrals/:id/print': { role: Role.Caseworker, prepare: sentReferral, call: (http, path) => http.get(path) },
  'POST /ui/referrals/:id/accept': {
    role: Role.OrgManager,
    prepare: receivedReferral,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  'POST /ui/referrals/:id/decline': {
    role: Role.OrgManager,
    prepare: receivedReferral,
    call: (http, path) => http.post(path),
    body: () => ({ reason: 'walked', confirm: 'yes' }),
  },
  'POST /ui/referrals/:id/withdraw': {
    role: Role.Caseworker,
    prepare: sentReferral,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  'GET /ui/cases/:id/referrals': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/referrals': {
    role: Role.Caseworker,
    prepare: async (t, token) => {
      const to = await createOrganisation(t);
      const { id } = await someCase(t, token);
      return { id, to, consentId: await referralConsent(t, token, id, to) };
    },
    call: (http, path) => http.post(path),
    body: (values) => ({
      toOrganisationId: values.to,
      purpose: 'shelter',
      consentId: values.consentId,
      dueOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
    }),
  },
  'GET /ui/notifications': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'GET /ui/access-log': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /ui/cases/:id/investigation': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.get(path),
  },
  'GET /ui/cases/:id/investigation/proceedings': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.get(path),
  },
  'POST /ui/cases/:id/investigation/perpetrators': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.post(path),
    body: () => ({ roles: 'Exploiter' }),
  },
  'POST /ui/cases/:id/investigation/proceedings': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.post(path),
    body: () => ({ kind: 'investigation', openedOn: '2026-01-05' }),
  },
  // End of the pages of referrals, notifications, the investigation and the access log.
  // Investigation pages that change a perpetrator and a step of the proceedings.
  'GET /ui/cases/:id/investigation/perpetrators/:perpetratorId': {
    role: Role.Investigator,
    prepare: somePerpetrator,
    call: (http, path) => http.get(path),
  },
  'POST /ui/cases/:id/investigation/perpetrators/:perpetratorId': {
    role: Role.Investigator,
    prepare: somePerpetrator,
    call: (http, path) => http.post(path),
    body: () => ({ version: '1', roles: 'Exploiter' }),
  },
  'GET /ui/cases/:id/investigation/proceedings/:proceedingId': {
    role: Role.Investigator,
    prepare: someProceeding,
    call: (http, path) => http.get(path),
  },
  'POST /ui/cases/:id/investigation/proceedings/:proceedingId': {
    role: Role.Investigator,
    prepare: someProceeding,
    call: (http, path) => http.post(path),
    body: () => ({ version: '1', openedOn: '2026-01-05', outcome: 'charged' }),
  },
  // End of the investigation pages that change a perpetrator and a step.
  // Case pages: the list, the duplicate check, registering a person with a case, the case and its print view.
  'GET /ui/cases': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'POST /ui/search': {
    role: Role.Caseworker,
    call: (http, path) => http.post(path),
    body: () => ({ query: 'Walk Rahimova' }),
  },
  'POST /ui/cases/duplicate-check': {
    role: Role.Caseworker,
    call: (http, path) => http.post(path),
    body: () => ({ documentNumber: 'WALK-0002' }),
  },
  'POST /ui/cases/new': {
    role: Role.Caseworker,
    call: (http, path) => http.post(path),
    body: () => ({ familyName: 'Walkova', givenName: 'Page' }),
  },
  'GET /ui/cases/:id': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'GET /ui/cases/:id/print': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /persons': {
    role: Role.Caseworker,
    call: (http, path) => http.post(path),
    body: () => ({ familyName: 'Walkova', givenName: 'Route' }),
  },
  'POST /persons/duplicates/check': {
    role: Role.Caseworker,
    call: (http, path) => http.post(path),
    body: () => ({ documentNumbers: ['WALK-0001'] }),
  },
  'GET /persons/:id': { role: Role.Caseworker, prepare: somePerson, call: (http, path) => http.get(path) },
  'PATCH /persons/:id': {
    role: Role.Caseworker,
    prepare: somePerson,
    call: (http, path) => http.patch(path),
    body: () => ({ notes: 'walked' }),
  },
  'DELETE /persons/:id': { role: Role.OrgManager, prepare: somePerson, call: (http, path) => http.delete(path) },
  'GET /persons/:id/access-log': { role: Role.OrgManager, prepare: somePerson, call: (http, path) => http.get(path) },
  'GET /audit/verify': { role: Role.Auditor, call: (http, path) => http.get(path) },
  'POST /cases': {
    role: Role.Caseworker,
    call: (http, path) => http.post(path),
    body: () => ({ person: { familyName: 'Walkova', givenName: 'Case' }, gender: 'Feminine' }),
  },
  'GET /cases': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'POST /cases/search': {
    role: Role.Caseworker,
    call: (http, path) => http.post(path),
    body: () => ({ query: 'Walk Rahimova' }),
  },
  'GET /cases/:id': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'GET /cases/:id/access-log': { role: Role.OrgManager, prepare: someCase, call: (http, path) => http.get(path) },
  'PATCH /cases/:id': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.patch(path),
    body: () => ({ version: 1, narrative: 'walked' }),
  },
  'POST /cases/:id/screenings': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ indicatorList: 'ilo_forced_labour_11', indicators: ['deception'], result: 'indicators_present' }),
  },
  'POST /cases/:id/consents': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ purpose: 'assistance' }),
  },
  'POST /cases/:id/consents/:consentId/withdraw': {
    role: Role.Caseworker,
    prepare: async (t, token) => {
      const { id } = await someCase(t, token);
      const consent = await t
        .http()
        .post(`/cases/${id}/consents`)
        .set('Authorization', `Bearer ${token}`)
        .send({ purpose: 'statistics' });
      return { id, consentId: consent.body.id as string };
    },
    call: (http, path) => http.post(path),
  },
  'POST /cases/:id/stage': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ to: 'reflection', version: 1, reason: 'walked' }),
  },
  'GET /cases/:id/history': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /cases/:id/referrals': {
    role: Role.Caseworker,
    prepare: async (t, token) => {
      const to = await createOrganisation(t);
      const { id } = await someCase(t, token);
      return { id, to, consentId: await referralConsent(t, token, id, to) };
    },
    call: (http, path) => http.post(path),
    body: (values) => ({
      toOrganisationId: values.to,
      purpose: 'shelter',
      consentId: values.consentId,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  },
  'GET /referrals': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'GET /referrals/:id': { role: Role.Caseworker, prepare: sentReferral, call: (http, path) => http.get(path) },
  'POST /referrals/:id/withdraw': {
    role: Role.Caseworker,
    prepare: sentReferral,
    call: (http, path) => http.post(path),
  },
  'POST /referrals/:id/accept': {
    role: Role.OrgManager,
    prepare: receivedReferral,
    call: (http, path) => http.post(path),
  },
  'POST /referrals/:id/decline': {
    role: Role.OrgManager,
    prepare: receivedReferral,
    call: (http, path) => http.post(path),
    body: () => ({ reason: 'walked' }),
  },
  'GET /notifications': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'GET /cases/:id/assistance': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /cases/:id/assistance': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ type: 'Legal' }),
  },
  'PATCH /cases/:id/assistance/:itemId': {
    role: Role.Caseworker,
    prepare: async (t, token) => {
      const { id } = await someCase(t, token);
      const item = await t
        .http()
        .post(`/cases/${id}/assistance`)
        .set('Authorization', `Bearer ${token}`)
        .send({ type: 'Shelter' });
      return { id, itemId: item.body.id as string };
    },
    call: (http, path) => http.patch(path),
    body: () => ({ version: 1, status: 'cancelled' }),
  },
  'GET /cases/:id/investigation/perpetrators': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.get(path),
  },
  'POST /cases/:id/investigation/perpetrators': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.post(path),
    body: () => ({ roles: ['Exploiter'] }),
  },
  'PATCH /cases/:id/investigation/perpetrators/:perpetratorId': {
    role: Role.Investigator,
    prepare: async (t, token) => {
      const { id } = await someSharedCase(t, token);
      const created = await t
        .http()
        .post(`/cases/${id}/investigation/perpetrators`)
        .set('Authorization', `Bearer ${token}`)
        .send({ roles: ['RecruiterOrIntermediary'] });
      return { id, perpetratorId: created.body.id as string };
    },
    call: (http, path) => http.patch(path),
    body: () => ({ version: 1, roles: ['Exploiter'] }),
  },
  'GET /cases/:id/investigation/proceedings': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.get(path),
  },
  'POST /cases/:id/investigation/proceedings': {
    role: Role.Investigator,
    prepare: someSharedCase,
    call: (http, path) => http.post(path),
    body: () => ({ kind: 'investigation', openedOn: '2026-01-05' }),
  },
  'PATCH /cases/:id/investigation/proceedings/:proceedingId': {
    role: Role.Investigator,
    prepare: async (t, token) => {
      const { id } = await someSharedCase(t, token);
      const created = await t
        .http()
        .post(`/cases/${id}/investigation/proceedings`)
        .set('Authorization', `Bearer ${token}`)
        .send({ kind: 'investigation', openedOn: '2026-01-05' });
      return { id, proceedingId: created.body.id as string };
    },
    call: (http, path) => http.patch(path),
    body: () => ({ version: 1, outcome: 'charged', closedOn: '2026-01-06' }),
  },
  // Case action pages: screenings, consents, stage, erasure, support plan.
  'GET /ui/cases/:id/screenings/new': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.get(path),
  },
  'POST /ui/cases/:id/screenings/new': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ indicatorList: 'ilo_forced_labour_11', indicators: ['deception'], result: 'indicators_present' }),
  },
  'GET /ui/cases/:id/consents/new': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/consents/new': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ purpose: 'assistance' }),
  },
  'POST /ui/cases/:id/consents/:consentId/withdraw': {
    role: Role.Caseworker,
    prepare: async (t, token) => {
      const { id } = await someCase(t, token);
      return { id, consentId: await callerWith(t, token).consent(id, { purpose: 'statistics' }) };
    },
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  'GET /ui/cases/:id/stage': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/stage': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ to: 'reflection', version: '1', reason: 'walked' }),
  },
  'GET /ui/cases/:id/erase': { role: Role.OrgManager, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/erase': {
    role: Role.OrgManager,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes', password: STRONG_PASSWORD }),
  },
  'GET /ui/cases/:id/erased': {
    role: Role.OrgManager,
    prepare: async (t, token) => {
      const { id } = await someCase(t, token);
      const read = await callerWith(t, token).cases.get(id);
      await callerWith(t, token).persons.erase(read.body.person?.id as string);
      return { id };
    },
    call: (http, path) => http.get(path),
  },
  'GET /cases/:id/events': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /cases/:id/events': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ type: 'Transit', country: 'KAZ' }),
  },
  'PATCH /cases/:id/events/:eventId': {
    role: Role.Caseworker,
    prepare: someEvent,
    call: (http, path) => http.patch(path),
    body: () => ({ version: 1, city: 'Shymkent' }),
  },
  'POST /cases/:id/events/:eventId/remove': {
    role: Role.Caseworker,
    prepare: someEvent,
    call: (http, path) => http.post(path),
    body: () => ({ version: 1, reason: 'walked' }),
  },
  'GET /cases/:id/events/:eventId/history': {
    role: Role.Caseworker,
    prepare: someEvent,
    call: (http, path) => http.get(path),
  },
  'GET /ui/cases/:id/events': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/events': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ type: 'Transit', country: 'KAZ' }),
  },
  'GET /ui/cases/:id/events/:eventId': {
    role: Role.Caseworker,
    prepare: someEvent,
    call: (http, path) => http.get(path),
  },
  'POST /ui/cases/:id/events/:eventId': {
    role: Role.Caseworker,
    prepare: someEvent,
    call: (http, path) => http.post(path),
    body: () => ({ version: '1', type: 'Recruitment', city: 'Shymkent' }),
  },
  'POST /ui/cases/:id/events/:eventId/remove': {
    role: Role.Caseworker,
    prepare: someEvent,
    call: (http, path) => http.post(path),
    body: () => ({ version: '1', removalReason: 'walked' }),
  },
  'PUT /cases/:id/owner': {
    role: Role.OrgManager,
    prepare: someCaseAndColleague,
    call: (http, path) => http.put(path),
    body: (values) => ({ ownerUserId: values.colleague }),
  },
  'POST /ui/cases/:id/owner': {
    role: Role.OrgManager,
    prepare: someCaseAndColleague,
    call: (http, path) => http.post(path),
    body: (values) => ({ ownerUserId: values.colleague }),
  },
  'GET /cases/:id/tasks': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /cases/:id/tasks': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ title: 'Walk visit', dueOn: '2026-03-20' }),
  },
  'PATCH /cases/:id/tasks/:taskId': {
    role: Role.Caseworker,
    prepare: someTask,
    call: (http, path) => http.patch(path),
    body: () => ({ done: true }),
  },
  'GET /tasks/mine': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'GET /tasks/overdue': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /ui/cases/:id/tasks': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/tasks': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ title: 'Walk visit', dueOn: '2026-03-20' }),
  },
  'POST /ui/cases/:id/tasks/:taskId/done': {
    role: Role.Caseworker,
    prepare: someTask,
    call: (http, path) => http.post(path),
  },
  'GET /ui/tasks': { role: Role.Caseworker, call: (http, path) => http.get(path) },
  'GET /ui/tasks/overdue': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /cases/:id/attachments': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /cases/:id/attachments': { role: Role.Caseworker, prepare: someCase, call: uploadTo },
  'GET /cases/:id/attachments/:attachmentId/content': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.get(path),
  },
  'POST /cases/:id/attachments/:attachmentId/shares': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.post(path),
    body: (values) => ({ organisationId: values.organisationId }),
  },
  'DELETE /cases/:id/attachments/:attachmentId/shares/:organisationId': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.delete(path),
  },
  'DELETE /cases/:id/attachments/:attachmentId': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.delete(path),
  },
  'GET /ui/cases/:id/attachments': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/attachments': { role: Role.Caseworker, prepare: someCase, call: uploadTo },
  'GET /ui/cases/:id/attachments/:attachmentId/content': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.get(path),
  },
  'POST /ui/cases/:id/attachments/:attachmentId/share': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.post(path),
    body: (values) => ({ organisationId: values.organisationId }),
  },
  'POST /ui/cases/:id/attachments/:attachmentId/unshare/:organisationId': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.post(path),
  },
  'POST /ui/cases/:id/attachments/:attachmentId/delete': {
    role: Role.Caseworker,
    prepare: someAttachment,
    call: (http, path) => http.post(path),
  },
  'GET /cases/:id/notes': { role: Role.Caseworker, prepare: someNote, call: (http, path) => http.get(path) },
  'POST /cases/:id/notes': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ kind: 'visit', occurredOn: '2026-03-03', text: 'walk' }),
  },
  'PATCH /cases/:id/notes/:noteId': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.patch(path),
    body: () => ({ text: 'walk, corrected' }),
  },
  'POST /cases/:id/notes/:noteId/addenda': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.post(path),
    body: () => ({ text: 'walk, more' }),
  },
  'POST /cases/:id/notes/:noteId/shares': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.post(path),
    body: (values) => ({ organisationId: values.organisationId }),
  },
  'DELETE /cases/:id/notes/:noteId/shares/:organisationId': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.delete(path),
  },
  'GET /ui/cases/:id/notes': { role: Role.Caseworker, prepare: someNote, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/notes': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ kind: 'visit', occurredOn: '2026-03-03', text: 'walk' }),
  },
  'POST /ui/cases/:id/notes/:noteId/edit': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.post(path),
    body: () => ({ kind: 'visit', occurredOn: '2026-03-03', text: 'walk, corrected' }),
  },
  'POST /ui/cases/:id/notes/:noteId/addenda': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.post(path),
    body: () => ({ text: 'walk, more' }),
  },
  'POST /ui/cases/:id/notes/:noteId/share': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.post(path),
    body: (values) => ({ organisationId: values.organisationId }),
  },
  'POST /ui/cases/:id/notes/:noteId/unshare/:organisationId': {
    role: Role.Caseworker,
    prepare: someNote,
    call: (http, path) => http.post(path),
  },
  'GET /ui/cases/:id/support': { role: Role.Caseworker, prepare: someCase, call: (http, path) => http.get(path) },
  'POST /ui/cases/:id/support': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ type: 'Legal' }),
  },
  'POST /ui/cases/:id/support/:itemId': {
    role: Role.Caseworker,
    prepare: async (t, token) => {
      const { id } = await someCase(t, token);
      const item = await callerWith(t, token).assistance.plan(id, { type: 'Shelter' });
      return { id, itemId: item.body.id };
    },
    call: (http, path) => http.post(path),
    body: (values) => ({ version: '1', [`status-${values.itemId}`]: 'cancelled' }),
  },
  // Support plan pages that change an item's planned days and notes.
  'GET /ui/cases/:id/support/:itemId/plan': {
    role: Role.Caseworker,
    prepare: someAssistanceItem,
    call: (http, path) => http.get(path),
  },
  'POST /ui/cases/:id/support/:itemId/plan': {
    role: Role.Caseworker,
    prepare: someAssistanceItem,
    call: (http, path) => http.post(path),
    body: () => ({ version: '1', plannedStart: '2026-01-10', notes: 'x' }),
  },
  // End of the support plan pages that change an item's planned days and notes.
  'POST /ui/cases/:id/support/objectives': {
    role: Role.Caseworker,
    prepare: someCase,
    call: (http, path) => http.post(path),
    body: () => ({ version: '1', supportObjectives: 'walk objectives', actionPlan: 'walk actions' }),
  },
  // Oversight: the Commission's, the auditor's and the administrator's pages, and the API routes beside them.
  'GET /audit/heads': { role: Role.Auditor, call: (http, path) => http.get(path) },
  'POST /users/:id/password/reset': { role: Role.Admin, prepare: someUser, call: (http, path) => http.post(path) },
  'GET /ui/statistics': { role: Role.Commission, call: (http, path) => http.get(path) },
  'GET /ui/statistics/releases/:id': { role: Role.Commission, prepare: aRelease, call: (http, path) => http.get(path) },
  'GET /ui/statistics/releases/:id/tables.csv': {
    role: Role.Commission,
    prepare: aRelease,
    call: (http, path) => http.get(path),
  },
  'GET /ui/statistics/releases/:id/ctdc.csv': {
    role: Role.Commission,
    prepare: aRelease,
    call: (http, path) => http.get(path),
  },
  'POST /ui/statistics/requests': {
    role: Role.Commission,
    prepare: aRelease,
    call: (http, path) => http.post(path),
    body: () => ({ dimensions: ['gender'] }),
  },
  'GET /ui/statistics/publish': { role: Role.Admin, call: (http, path) => http.get(path) },
  'POST /ui/statistics/publish': { role: Role.Admin, call: (http, path) => http.post(path), body: () => ({ period: '2023' }) },
  'GET /ui/audit': { role: Role.Auditor, call: (http, path) => http.get(path) },
  'GET /ui/audit/verify': { role: Role.Auditor, call: (http, path) => http.get(path) },
  'GET /ui/audit/heads': { role: Role.Auditor, call: (http, path) => http.get(path) },
  'GET /ui/audit/heads/export': { role: Role.Auditor, call: (http, path) => http.get(path) },
  'POST /ui/organisations': {
    role: Role.Admin,
    call: (http, path) => http.post(path),
    body: () => ({ name: `Walk ${randomUUID()}`, type: 'NGO', region: 'TJ-RA' }),
  },
  'POST /ui/users/new': {
    role: Role.Admin,
    prepare: async (t) => ({ organisationId: await createOrganisation(t) }),
    call: (http, path) => http.post(path),
    body: (values) => ({
      username: `walk.${randomUUID().slice(0, 8)}`,
      organisationId: values.organisationId,
      role: 'caseworker',
    }),
  },
  'POST /ui/users/:id/disable': {
    role: Role.Admin,
    prepare: someUser,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  'POST /ui/users/:id/enable': { role: Role.Admin, prepare: someUser, call: (http, path) => http.post(path) },
  'POST /ui/users/:id/unlock': { role: Role.Admin, prepare: someUser, call: (http, path) => http.post(path) },
  'POST /ui/users/:id/role': {
    role: Role.Admin,
    prepare: someUser,
    call: (http, path) => http.post(path),
    body: () => ({ role: 'org_manager', confirm: 'yes' }),
  },
  'POST /ui/users/:id/password/reset': {
    role: Role.Admin,
    prepare: someUser,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  'POST /ui/users/:id/second-factor/reset': {
    role: Role.Admin,
    prepare: someUser,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  // A manager's resets of its own staff, and each person's own sessions.
  'POST /staff/:id/password/reset': {
    role: Role.OrgManager,
    prepare: someColleague,
    call: (http, path) => http.post(path),
  },
  'POST /staff/:id/second-factor/reset': {
    role: Role.OrgManager,
    prepare: someColleague,
    call: (http, path) => http.post(path),
  },
  'POST /ui/staff/:id/password/reset': {
    role: Role.OrgManager,
    prepare: someColleague,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  'POST /ui/staff/:id/second-factor/reset': {
    role: Role.OrgManager,
    prepare: someColleague,
    call: (http, path) => http.post(path),
    body: () => ({ confirm: 'yes' }),
  },
  'DELETE /auth/sessions/:id': {
    role: Role.Commission,
    prepare: anotherSession,
    call: (http, path) => http.delete(path),
  },
  'POST /auth/sessions/end-others': { role: Role.Commission, call: (http, path) => http.post(path) },
  'POST /ui/account/sessions/:id/end': {
    role: Role.Commission,
    prepare: anotherSession,
    call: (http, path) => http.post(path),
  },
  'POST /ui/account/sessions/end-others': { role: Role.Commission, call: (http, path) => http.post(path) },
  // The organisation's own reports and the export of its cases.
  'GET /reports/caseload': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /reports/cases.csv': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /reports/cases.xlsx': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /ui/reports': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /ui/reports/cases.csv': { role: Role.OrgManager, call: (http, path) => http.get(path) },
  'GET /ui/reports/cases.xlsx': { role: Role.OrgManager, call: (http, path) => http.get(path) },
};

/** Another account of the token's user's organisation. */
async function someColleague(t: TestApp, token: string): Promise<Record<string, string>> {
  const me = await callerWith(t, token).get('/auth/me');
  return { id: (await createUser(t, Role.Caseworker, me.body.organisationId as string)).id };
}

/** A second session of the token's user (opened with the password every walk user has), by id. */
async function anotherSession(t: TestApp, token: string): Promise<Record<string, string>> {
  const me = await callerWith(t, token).get('/auth/me');
  await login(t, { username: me.body.username as string, password: STRONG_PASSWORD });
  const sessions = (await callerWith(t, token).get('/auth/sessions')).body as Array<{ id: string; current: boolean }>;
  return { id: (sessions.find((s) => !s.current) as { id: string }).id };
}

/**
 * A case of another organisation shared with the caller's (an investigator's) unit for law
 * enforcement, with the person's consent: the share is written as the referral workflow would.
 */
async function someSharedCase(t: TestApp, token: string): Promise<Record<string, string>> {
  const me = await callerWith(t, token).get('/auth/me');
  const owner = await createUser(t, Role.Caseworker);
  const ownerToken = await login(t, owner);
  const { id } = await someCase(t, ownerToken);
  const consent = await callerWith(t, ownerToken).cases.giveConsent(id, { purpose: 'law_enforcement_disclosure' });
  await shareCase(t, {
    caseId: id,
    ownerOrganisationId: owner.organisationId,
    organisationId: me.body.organisationId as string,
    view: 'investigation',
    consentId: consent.body.id,
  });
  return { id };
}

async function referralConsent(t: TestApp, token: string, caseId: string, to: string): Promise<string> {
  const consent = await callerWith(t, token).cases.giveConsent(caseId, {
    purpose: 'referral',
    recipientOrganisationId: to,
    referralPurposes: ['shelter'],
  });
  return consent.body.id;
}

/** A referral the token's user sent (from a case of its own) to another organisation. */
async function sentReferral(t: TestApp, token: string, to?: string): Promise<Record<string, string>> {
  const recipient = to ?? (await createOrganisation(t));
  const { id } = await someCase(t, token);
  const sent = await callerWith(t, token).referrals.send(id, {
    toOrganisationId: recipient,
    purpose: 'shelter',
    consentId: await referralConsent(t, token, id, recipient),
    dueAt: inDays(1),
  });
  return { id: sent.body.id };
}

/** A referral sent by another organisation's caseworker to the token's user's organisation. */
async function receivedReferral(t: TestApp, token: string): Promise<Record<string, string>> {
  const me = await callerWith(t, token).get('/auth/me');
  const sender = await login(t, await createUser(t, Role.Caseworker));
  return sentReferral(t, sender, me.body.organisationId as string);
}

/** A case with a task added by hand. */
async function someTask(t: TestApp, token: string): Promise<Record<string, string>> {
  const { id } = await someCase(t, token);
  const added = await t
    .http()
    .post(`/cases/${id}/tasks`)
    .set('Authorization', `Bearer ${token}`)
    .send({ title: 'Walk visit', dueOn: '2026-03-20' });
  return { id, taskId: added.body.id as string };
}

/** A case of the token's organisation, and a caseworker of that organisation who may take it. */
async function someCaseAndColleague(t: TestApp, token: string): Promise<Record<string, string>> {
  const me = await callerWith(t, token).get('/auth/me');
  const colleague = await createUser(t, Role.Caseworker, me.body.organisationId as string);
  return { ...(await someCase(t, token)), colleague: colleague.id };
}

async function someCase(t: TestApp, token: string): Promise<Record<string, string>> {
  const created = await callerWith(t, token).cases.create({ person: { familyName: 'Walkova', givenName: 'Fixture' } });
  return { id: created.body.id };
}

/** A case with one trafficking event, added after opening. */
async function someEvent(t: TestApp, token: string): Promise<Record<string, string>> {
  const { id } = await someCase(t, token);
  const added = await callerWith(t, token).post(`/cases/${id}/events`).send({ type: 'Recruitment', country: 'TJK' });
  return { id, eventId: added.body.id as string };
}

/** A multipart upload of a small PDF (the form token is added by asCaller for the page). */
function uploadTo(http: ReturnType<TestApp['http']>, path: string): Test {
  return http.post(path).field('kind', 'other').attach('file', pdfFixture('walk', 2000), 'walk.pdf');
}

/** A case with one attachment, shared with an organisation that sees the case. */
async function someAttachment(t: TestApp, token: string): Promise<Record<string, string>> {
  const { id } = await someCase(t, token);
  const uploaded = await uploadTo(t.http(), `/cases/${id}/attachments`).set('Authorization', `Bearer ${token}`);
  const organisationId = await createOrganisation(t);
  await shareCase(t, { caseId: id, organisationId, view: 'referral' });
  await t
    .http()
    .post(`/cases/${id}/attachments/${uploaded.body.id}/shares`)
    .set('Authorization', `Bearer ${token}`)
    .send({ organisationId });
  return { id, attachmentId: uploaded.body.id as string, organisationId };
}

/** A case with one note, written by the caller, shared with an organisation that sees the case. */
async function someNote(t: TestApp, token: string): Promise<Record<string, string>> {
  const { id } = await someCase(t, token);
  const written = await t
    .http()
    .post(`/cases/${id}/notes`)
    .set('Authorization', `Bearer ${token}`)
    .send({ kind: 'visit', occurredOn: '2026-03-03', text: 'walk' });
  const organisationId = await createOrganisation(t);
  await shareCase(t, { caseId: id, organisationId, view: 'referral' });
  await t
    .http()
    .post(`/cases/${id}/notes/${written.body.id}/shares`)
    .set('Authorization', `Bearer ${token}`)
    .send({ organisationId });
  return { id, noteId: written.body.id as string, organisationId };
}

/** A release of 2025 (an empty one: the walk has no cases of that year), published once per app. */
const releases = new WeakMap<TestApp, Promise<string>>();
function aRelease(t: TestApp): Promise<Record<string, string>> {
  let id = releases.get(t);
  if (!id) {
    id = (async () => {
      const admin = await login(t, await createUser(t, Role.Admin));
      const published = await t
        .http()
        .post('/statistics/releases')
        .set('Authorization', `Bearer ${admin}`)
        .send({ period: '2025' });
      if (published.status !== 201) throw new Error(`publishing a release answered ${published.status}`);
      return published.body.id as string;
    })();
    releases.set(t, id);
  }
  return id.then((value) => ({ id: value }));
}

async function someUser(t: TestApp): Promise<Record<string, string>> {
  return { id: (await createUser(t, Role.Caseworker)).id };
}

async function somePerson(t: TestApp, token: string): Promise<Record<string, string>> {
  const created = await callerWith(t, token).persons.register({ familyName: 'Walkova', givenName: 'Fixture' });
  return { id: created.body.id };
}

describe('every route that reads or writes victim data, or is audited, walked', () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) tokens.set(role, await login(t, await createUser(t, role)));
  });
  afterAll(() => t.close());

  const events = (requestId: string) =>
    asSuperuser<{ action: string; outcome: string; status_code: number; detail: Record<string, unknown> | null }>(
      t.db,
      `SELECT action, outcome, status_code, detail FROM audit_event WHERE request_id = $1 ORDER BY seq`,
      [requestId],
    );

  const subjects = (): RouteEntry[] =>
    listRoutes(t.app).filter((r) => r.audit || VICTIM_DATA_PERMISSIONS.has(r.permission as Permission));

  it('finds an audit action on every route whose permission reaches victim data', () => {
    expect(unauditedVictimDataRoutes(t.app)).toEqual([]);
    for (const route of subjects())
      expect({ route: `${route.method} ${route.path}`, audit: route.audit }).toEqual({
        route: `${route.method} ${route.path}`,
        audit: expect.any(String),
      });
  });

  it('has a way to call every audited route', () => {
    const missing = subjects()
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !FIXTURES[key]);
    expect(missing).toEqual([]);
  });

  it('writes exactly one event with the route action when allowed, one access-denied event when refused by role, and one refusal for an unknown id', async () => {
    for (const route of subjects()) {
      const key = `${route.method} ${route.path}`;
      const fixture = FIXTURES[key];
      const values = (await fixture.prepare?.(t, tokens.get(fixture.role) as string)) ?? {};
      const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name]);
      const body = fixture.body?.(values);
      const token = values.token ?? (tokens.get(fixture.role) as string);

      const allowedId = `walk-${randomUUID()}`;
      const allowedResponse = await asCaller(
        fixture.call(t.http(), path).set('X-Request-Id', allowedId),
        path,
        token,
        body,
      );
      // A page's form answers 303 (the next page) where the API answers 2xx.
      expect({ key, status: allowedResponse.status < 400 }).toEqual({ key, status: true });
      expect({ key, events: await events(allowedId) }).toEqual({
        key,
        events: [expect.objectContaining({ action: route.audit, outcome: 'allowed' })],
      });

      // Every role may act on its own account: those routes have no role to refuse.
      const refusedRole = ROLES.find(
        (role) => !(ROLE_PERMISSIONS[role] as readonly string[]).includes(route.permission as string),
      );
      if (refusedRole) {
        const deniedId = `walk-${randomUUID()}`;
        const denied = await asCaller(
          fixture.call(t.http(), path).set('X-Request-Id', deniedId),
          path,
          tokens.get(refusedRole) as string,
        );
        expect({ key, status: denied.status }).toEqual({ key, status: 403 });
        expect({ key, events: await events(deniedId) }).toEqual({
          key,
          events: [
            expect.objectContaining({
              action: 'access.denied',
              outcome: 'denied',
              status_code: 403,
              detail: expect.objectContaining({ attempted: route.audit }),
            }),
          ],
        });
      }

      if (route.path.includes(':')) {
        const unknownId = `walk-${randomUUID()}`;
        // Unknown ids in the path, and in the body where it names them (a page's form names its fields
        // after the item they belong to).
        const unknownValues: Record<string, string> = { ...values };
        const unknownPath = route.path.replace(
          /:([A-Za-z]+)/g,
          (_, name: string) => (unknownValues[name] = randomUUID()),
        );
        const unknown = await asCaller(
          fixture.call(t.http(), unknownPath).set('X-Request-Id', unknownId),
          unknownPath,
          token,
          fixture.body?.(unknownValues),
        );
        expect({ key, status: unknown.status }).toEqual({ key, status: 404 });
        expect({ key, events: await events(unknownId) }).toEqual({
          key,
          events: [expect.objectContaining({ action: route.audit, outcome: 'denied', status_code: 404 })],
        });
      }
    }
  });
});

/** A perpetrator recorded on a case shared with the investigator's unit. */
async function somePerpetrator(t: TestApp, token: string): Promise<Record<string, string>> {
  const { id } = await someSharedCase(t, token);
  const created = await t
    .http()
    .post(`/cases/${id}/investigation/perpetrators`)
    .set('Authorization', `Bearer ${token}`)
    .send({ roles: ['RecruiterOrIntermediary'] });
  return { id, perpetratorId: created.body.id as string };
}

/** A step of the proceedings on a case shared with the investigator's unit. */
async function someProceeding(t: TestApp, token: string): Promise<Record<string, string>> {
  const { id } = await someSharedCase(t, token);
  const created = await t
    .http()
    .post(`/cases/${id}/investigation/proceedings`)
    .set('Authorization', `Bearer ${token}`)
    .send({ kind: 'investigation', openedOn: '2026-01-05' });
  return { id, proceedingId: created.body.id as string };
}

/** An item of the support plan of a case of the caller's organisation. */
async function someAssistanceItem(t: TestApp, token: string): Promise<Record<string, string>> {
  const { id } = await someCase(t, token);
  const item = await callerWith(t, token).assistance.plan(id, { type: 'Shelter' });
  return { id, itemId: item.body.id };
}
