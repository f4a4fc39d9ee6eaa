import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import request from 'supertest';
import { roleHasPermission } from '../../src/core/access/permission';
import type { Permission } from '../../src/core/access/permission';
import { listRoutes, RouteEntry } from '../../src/core/guard/route-inventory';
import { Role, ROLES } from '../../src/core/access/role';
import {
  FULL_FIELDS,
  FULL_PERSON,
  INVESTIGATION_FIELDS,
  INVESTIGATION_PERSON,
  NEW_CASE,
  PERSON,
  REFERRAL_FIELDS,
  REFERRAL_PERSON,
} from '../support/case-fixtures';
import { callerWith, inDays } from '../support/api';
import type { GiveConsent, SendReferral } from '../support/api-types';
import { asSuperuser } from '../support/test-cluster';
import { pdfFixture } from '../support/file-fixtures';
import { shareCase } from '../support/shares';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';
import { keys } from '../support/response-shape';

/**
 * The authorization matrix, generated from the route table: every route on one case (`/cases/:id...`)
 * and on one referral (`/referrals/:id...`) is called by every role from every situation the caller's
 * organisation can be in, and must answer what the rules say. A route without an entry below fails.
 *
 * Situations on a case: the caller's organisation owns it; opened it and transferred it to the owner;
 * is another organisation; holds an accepted share (a medical referral: the referral view); is the
 * law-enforcement unit with an accepted share and a live consent to disclosure (the investigation
 * view); has a referral still pending; holds a law-enforcement share whose consent was withdrawn (the
 * share itself left unrevoked, so that the consent check alone must hold); or the id does not exist.
 */
type Situation =
  'own' | 'formerOwner' | 'other' | 'share' | 'lawEnforcement' | 'pending' | 'consentWithdrawn' | 'missing';
const SITUATIONS: readonly Situation[] = [
  'own',
  'formerOwner',
  'other',
  'share',
  'lawEnforcement',
  'pending',
  'consentWithdrawn',
  'missing',
];

/**
 * How a route treats a caller that passed the role check: `read` routes answer every organisation with
 * a view; `owner` routes answer an organisation with a share 403 (it knows the case, only the owner acts).
 */
type Kind = 'read' | 'owner';

/** Requests of one caller: each carries its token. */
interface Http {
  get(path: string): request.Test;
  post(path: string): request.Test;
  patch(path: string): request.Test;
  put(path: string): request.Test;
  delete(path: string): request.Test;
}

interface CaseRouteEntry {
  kind: Kind;
  /** The status of a successful call. */
  success: number;
  /**
   * For routes whose rule is not `read` or `owner` (the support plan, the investigation track): the
   * answer to a caller whose role holds the route's permission.
   */
  rule?: (role: Role, situation: Situation) => number;
  /** Calls the route on case `caseId`; may prepare what one call needs (a fresh consent, a version). */
  call: (http: Http, caseId: string, setup: Setup) => Promise<request.Response>;
}

interface Setup {
  owner: string;
  freshConsent: (caseId: string, purpose?: string) => Promise<string>;
  version: (caseId: string) => Promise<number>;
  /** An attachment of case `caseId`, uploaded by the owner and shared with both sharing organisations. */
  attachment: (caseId: string) => Promise<string>;
  /** A trafficking event of case `caseId` at version 1, written as the superuser (any id for no case). */
  event: (caseId: string) => Promise<string>;
  /** A new organisation that sees case `caseId` through an accepted referral share. */
  sharingOrganisation: (caseId: string) => Promise<string>;
  /** A note of case `caseId`, written by an owner's caseworker and shared with the referral organisation. */
  note: (caseId: string) => Promise<string>;
}

const CASE_ROUTES: Record<string, CaseRouteEntry> = {
  'GET /cases/:id': { kind: 'read', success: 200, call: async (http, id) => http.get(`/cases/${id}`) },
  'PATCH /cases/:id': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) =>
      http.patch(`/cases/${id}`).send({ version: await s.version(id), labourSector: 'F_Construction' }),
  },
  'PUT /cases/:id/owner': {
    kind: 'owner',
    success: 200,
    call: async (http, id) => {
      // A caseworker of the case's own organisation (any user id, for a case that does not exist).
      const [row] = await asSuperuser<{ id: string }>(
        current.db,
        `SELECT u.id FROM app_user u JOIN victim_case c ON c.organisation_id = u.organisation_id
         WHERE c.id = $1 AND u.role = 'caseworker' AND u.disabled_at IS NULL LIMIT 1`,
        [id],
      );
      return http.put(`/cases/${id}/owner`).send({ ownerUserId: row?.id ?? randomUUID() });
    },
  },
  'GET /cases/:id/access-log': {
    kind: 'owner',
    success: 200,
    call: async (http, id) => http.get(`/cases/${id}/access-log`),
  },
  'POST /cases/:id/screenings': {
    kind: 'owner',
    success: 201,
    call: async (http, id) =>
      http
        .post(`/cases/${id}/screenings`)
        .send({ indicatorList: 'ilo_forced_labour_11', indicators: [], result: 'no_indicators' }),
  },
  'POST /cases/:id/consents': {
    kind: 'owner',
    success: 201,
    call: async (http, id) => http.post(`/cases/${id}/consents`).send({ purpose: 'statistics' }),
  },
  'POST /cases/:id/consents/:consentId/withdraw': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) => http.post(`/cases/${id}/consents/${await s.freshConsent(id)}/withdraw`),
  },
  'POST /cases/:id/stage': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) => {
      await asSuperuserOf(s)(`UPDATE victim_case SET stage = 'identified' WHERE id = $1`, [id]);
      return http.post(`/cases/${id}/stage`).send({ to: 'reflection', version: await s.version(id), reason: 'matrix' });
    },
  },
  'GET /cases/:id/history': { kind: 'owner', success: 200, call: async (http, id) => http.get(`/cases/${id}/history`) },
  'POST /cases/:id/referrals': {
    kind: 'owner',
    success: 201,
    call: async (http, id, s) => {
      const to = await createOrganisationIn(s);
      const consentId = await s.freshConsent(id, to);
      return http.post(`/cases/${id}/referrals`).send({
        toOrganisationId: to,
        purpose: 'shelter',
        consentId,
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    },
  },
  'GET /cases/:id/events': { kind: 'owner', success: 200, call: async (http, id) => http.get(`/cases/${id}/events`) },
  'POST /cases/:id/events': {
    kind: 'owner',
    success: 201,
    call: async (http, id) => http.post(`/cases/${id}/events`).send({ type: 'Transit', country: 'KAZ' }),
  },
  'PATCH /cases/:id/events/:eventId': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) =>
      http.patch(`/cases/${id}/events/${await s.event(id)}`).send({ version: 1, country: 'RUS' }),
  },
  'POST /cases/:id/events/:eventId/remove': {
    kind: 'owner',
    success: 204,
    call: async (http, id, s) =>
      http.post(`/cases/${id}/events/${await s.event(id)}/remove`).send({ version: 1, reason: 'matrix' }),
  },
  'GET /cases/:id/events/:eventId/history': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) => http.get(`/cases/${id}/events/${await s.event(id)}/history`),
  },
};

/**
 * The support plan: the owner reaches every item; an organisation with a share (referral view) reaches
 * the items it provides (so not the owner's item a change is tried on: 404); the law-enforcement unit's
 * staff see the case but not its plan (403).
 */
function assistanceRule(success: number, shareSuccess: number) {
  return (role: Role, situation: Situation): number => {
    const staff = role === Role.Caseworker || role === Role.OrgManager;
    if (!staff) return 404;
    if (situation === 'own') return success;
    if (situation === 'share') return shareSuccess;
    if (situation === 'lawEnforcement') return 403;
    return 404;
  };
}

/**
 * The investigation track: investigators of the law-enforcement unit read and write; the owner's
 * manager reads; staff that see the case otherwise get 403; everyone else 404.
 */
function investigationRule(use: 'read' | 'write', success: number) {
  return (role: Role, situation: Situation): number => {
    if (role === Role.Investigator) return situation === 'lawEnforcement' ? success : 404;
    if (use === 'read' && role === Role.OrgManager && situation === 'own') return success;
    return ['own', 'share', 'lawEnforcement'].includes(situation) ? 403 : 404;
  };
}

/** A record of the investigation track or the support plan on case `caseId`, written as the superuser. */
async function recordOn(s: Setup, table: 'assistance_item' | 'perpetrator' | 'proceeding', caseId: string) {
  const id = randomUUID();
  const columns = {
    assistance_item: `type, provider_organisation_id, status) SELECT $1, id, organisation_id, created_by, created_by,
      'Legal', organisation_id, 'planned'`,
    perpetrator: `recorded_by_organisation_id, roles) SELECT $1, id, organisation_id, created_by, created_by,
      organisation_id, ARRAY['Exploiter']`,
    proceeding: `recorded_by_organisation_id, kind, opened_on) SELECT $1, id, organisation_id, created_by, created_by,
      organisation_id, 'investigation', DATE '2026-01-05'`,
  }[table];
  await asSuperuserOf(s)(
    `INSERT INTO ${table} (id, case_id, owner_organisation_id, created_by, updated_by, ${columns}
     FROM victim_case WHERE id = $2`,
    [id, caseId],
  );
  return id;
}

const SUPPORT_PLAN_AND_INVESTIGATION_ROUTES: Record<string, CaseRouteEntry> = {
  'GET /cases/:id/assistance': {
    kind: 'read',
    success: 200,
    rule: assistanceRule(200, 200),
    call: async (http, id) => http.get(`/cases/${id}/assistance`),
  },
  'POST /cases/:id/assistance': {
    kind: 'read',
    success: 201,
    rule: assistanceRule(201, 201),
    call: async (http, id) => http.post(`/cases/${id}/assistance`).send({ type: 'Health' }),
  },
  'PATCH /cases/:id/assistance/:itemId': {
    kind: 'read',
    success: 200,
    rule: assistanceRule(200, 404),
    call: async (http, id, s) =>
      http
        .patch(`/cases/${id}/assistance/${await recordOn(s, 'assistance_item', id)}`)
        .send({ version: 1, status: 'cancelled' }),
  },
  'GET /cases/:id/investigation/perpetrators': {
    kind: 'read',
    success: 200,
    rule: investigationRule('read', 200),
    call: async (http, id) => http.get(`/cases/${id}/investigation/perpetrators`),
  },
  'POST /cases/:id/investigation/perpetrators': {
    kind: 'read',
    success: 201,
    rule: investigationRule('write', 201),
    call: async (http, id) => http.post(`/cases/${id}/investigation/perpetrators`).send({ roles: ['Exploiter'] }),
  },
  'PATCH /cases/:id/investigation/perpetrators/:perpetratorId': {
    kind: 'read',
    success: 200,
    rule: investigationRule('write', 200),
    call: async (http, id, s) =>
      http
        .patch(`/cases/${id}/investigation/perpetrators/${await recordOn(s, 'perpetrator', id)}`)
        .send({ version: 1, roles: ['Abuser'] }),
  },
  'GET /cases/:id/investigation/proceedings': {
    kind: 'read',
    success: 200,
    rule: investigationRule('read', 200),
    call: async (http, id) => http.get(`/cases/${id}/investigation/proceedings`),
  },
  'POST /cases/:id/investigation/proceedings': {
    kind: 'read',
    success: 201,
    rule: investigationRule('write', 201),
    call: async (http, id) =>
      http.post(`/cases/${id}/investigation/proceedings`).send({ kind: 'investigation', openedOn: '2026-01-05' }),
  },
  'PATCH /cases/:id/investigation/proceedings/:proceedingId': {
    kind: 'read',
    success: 200,
    rule: investigationRule('write', 200),
    call: async (http, id, s) =>
      http
        .patch(`/cases/${id}/investigation/proceedings/${await recordOn(s, 'proceeding', id)}`)
        .send({ version: 1, outcome: 'charged' }),
  },
};
Object.assign(CASE_ROUTES, SUPPORT_PLAN_AND_INVESTIGATION_ROUTES);

/**
 * Attachments: the owner lists, uploads, shares and deletes; an organisation that sees the case
 * lists and downloads what was shared with it (here: every attachment, shared with both); the
 * owner's changes answer a sharing organisation 403.
 */
const ATTACHMENT_ROUTES: Record<string, CaseRouteEntry> = {
  'GET /cases/:id/attachments': {
    kind: 'read',
    success: 200,
    call: async (http, id) => http.get(`/cases/${id}/attachments`),
  },
  'POST /cases/:id/attachments': {
    kind: 'owner',
    success: 201,
    call: async (http, id) =>
      http.post(`/cases/${id}/attachments`).field('kind', 'other').attach('file', pdfFixture('matrix', 2000), 'm.pdf'),
  },
  'GET /cases/:id/attachments/:attachmentId/content': {
    kind: 'read',
    success: 200,
    call: async (http, id, s) => http.get(`/cases/${id}/attachments/${await s.attachment(id)}/content`),
  },
  'POST /cases/:id/attachments/:attachmentId/shares': {
    kind: 'owner',
    success: 201,
    call: async (http, id, s) =>
      http
        .post(`/cases/${id}/attachments/${await s.attachment(id)}/shares`)
        .send({ organisationId: await s.sharingOrganisation(id) }),
  },
  'DELETE /cases/:id/attachments/:attachmentId/shares/:organisationId': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) => http.delete(`/cases/${id}/attachments/${await s.attachment(id)}/shares/${s.owner}`),
  },
  'DELETE /cases/:id/attachments/:attachmentId': {
    kind: 'owner',
    success: 204,
    call: async (http, id, s) => http.delete(`/cases/${id}/attachments/${await s.attachment(id)}`),
  },
};
Object.assign(CASE_ROUTES, ATTACHMENT_ROUTES);

/** A task added by hand to case `caseId`, written directly (a random id for the case that does not exist). */
async function taskOn(caseId: string): Promise<string> {
  const id = randomUUID();
  await asSuperuser(
    current.db,
    `INSERT INTO task (id, case_id, owner_organisation_id, kind, subject_key, due_on, assignee_user_id, created_by)
     SELECT $1, id, organisation_id, 'manual', $3, current_date + 7, owner_user_id, created_by
     FROM victim_case WHERE id = $2`,
    [id, caseId, id],
  );
  return id;
}

/** Tasks: the owning organisation's work only; a sharing organisation is answered 403. */
const TASK_ROUTES: Record<string, CaseRouteEntry> = {
  'GET /cases/:id/tasks': { kind: 'owner', success: 200, call: async (http, id) => http.get(`/cases/${id}/tasks`) },
  'POST /cases/:id/tasks': {
    kind: 'owner',
    success: 201,
    call: async (http, id) => http.post(`/cases/${id}/tasks`).send({ title: 'Matrix visit', dueOn: '2026-03-20' }),
  },
  'PATCH /cases/:id/tasks/:taskId': {
    kind: 'owner',
    success: 200,
    call: async (http, id) => http.patch(`/cases/${id}/tasks/${await taskOn(id)}`).send({ done: true }),
  },
};
Object.assign(CASE_ROUTES, TASK_ROUTES);
/**
 * Notes: the owner reads and writes; an organisation in the referral view reads what was shared with
 * it; the investigation view holds no note (403 to whoever sees the case so, investigators included).
 */
function noteReadRule(role: Role, situation: Situation): number {
  const staff = role === Role.Caseworker || role === Role.OrgManager;
  if (situation === 'lawEnforcement') return 403;
  return staff && (situation === 'own' || situation === 'share') ? 200 : 404;
}
const NOTE = { kind: 'visit', occurredOn: '2026-03-03', text: 'matrix note' };
/** A note the caller wrote itself when it may (only its author edits a note), else one of the owner's. */
async function ownNote(http: Http, caseId: string, s: Setup): Promise<string> {
  const written = await http.post(`/cases/${caseId}/notes`).send(NOTE);
  return written.status === 201 ? (written.body.id as string) : s.note(caseId);
}
const NOTE_ROUTES: Record<string, CaseRouteEntry> = {
  'GET /cases/:id/notes': {
    kind: 'read',
    success: 200,
    rule: noteReadRule,
    call: async (http, id, s) => {
      await s.note(id);
      return http.get(`/cases/${id}/notes`);
    },
  },
  'POST /cases/:id/notes': {
    kind: 'owner',
    success: 201,
    call: async (http, id) => http.post(`/cases/${id}/notes`).send(NOTE),
  },
  'PATCH /cases/:id/notes/:noteId': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) =>
      http.patch(`/cases/${id}/notes/${await ownNote(http, id, s)}`).send({ text: 'corrected' }),
  },
  'POST /cases/:id/notes/:noteId/addenda': {
    kind: 'owner',
    success: 201,
    call: async (http, id, s) => http.post(`/cases/${id}/notes/${await s.note(id)}/addenda`).send({ text: 'more' }),
  },
  'POST /cases/:id/notes/:noteId/shares': {
    kind: 'owner',
    success: 201,
    call: async (http, id, s) =>
      http
        .post(`/cases/${id}/notes/${await s.note(id)}/shares`)
        .send({ organisationId: await s.sharingOrganisation(id) }),
  },
  'DELETE /cases/:id/notes/:noteId/shares/:organisationId': {
    kind: 'owner',
    success: 200,
    call: async (http, id, s) => http.delete(`/cases/${id}/notes/${await s.note(id)}/shares/${s.owner}`),
  },
};
Object.assign(CASE_ROUTES, NOTE_ROUTES);

/** Situations on a referral: the caller's organisation sent it, received it, neither, or it does not exist. */
type ReferralSituation = 'sender' | 'receiver' | 'third' | 'missing';
const REFERRAL_SITUATIONS: readonly ReferralSituation[] = ['sender', 'receiver', 'third', 'missing'];

interface ReferralRouteEntry {
  /** Which side may do it; the other side gets 403, a third organisation and a missing id 404. */
  side: 'both' | 'sender' | 'receiver';
  success: number;
  call: (http: Http, referralId: string) => request.Test;
}

const REFERRAL_ROUTES: Record<string, ReferralRouteEntry> = {
  'GET /referrals/:id': { side: 'both', success: 200, call: (http, id) => http.get(`/referrals/${id}`) },
  'POST /referrals/:id/accept': {
    side: 'receiver',
    success: 200,
    call: (http, id) => http.post(`/referrals/${id}/accept`),
  },
  'POST /referrals/:id/decline': {
    side: 'receiver',
    success: 200,
    call: (http, id) => http.post(`/referrals/${id}/decline`).send({ reason: 'matrix' }),
  },
  'POST /referrals/:id/withdraw': {
    side: 'sender',
    success: 200,
    call: (http, id) => http.post(`/referrals/${id}/withdraw`),
  },
};

/**
 * Routes over the caller's own organisation: its staff's accounts (and its reports). Each is called by
 * every role of the owner organisation, on an account of that organisation, on one of another
 * organisation and on an id that does not exist (a route without a target: once).
 */
type OrganisationSituation = 'own' | 'other' | 'missing';
interface OrganisationRouteEntry {
  success: number;
  call: (http: Http, userId: string) => request.Test;
}

const ORGANISATION_ROUTES: Record<string, OrganisationRouteEntry> = {
  'GET /staff': { success: 200, call: (http) => http.get('/staff') },
  'GET /staff/:id': { success: 200, call: (http, id) => http.get(`/staff/${id}`) },
  'POST /staff/:id/password/reset': { success: 200, call: (http, id) => http.post(`/staff/${id}/password/reset`) },
  'POST /staff/:id/second-factor/reset': {
    success: 200,
    call: (http, id) => http.post(`/staff/${id}/second-factor/reset`),
  },
  'GET /reports/caseload': { success: 200, call: (http) => http.get('/reports/caseload') },
  'GET /reports/cases.csv': { success: 200, call: (http) => http.get('/reports/cases.csv') },
  'GET /reports/cases.xlsx': { success: 200, call: (http) => http.get('/reports/cases.xlsx') },
};
const ORGANISATION_ROUTE_PATHS = /^\w+ \/(staff|reports)(\/|$)/;

/**
 * The statistics routes: published releases only, the same for every organisation of a role; a role
 * without the route's permission is refused, whatever it asks for.
 */
/** Years published so far by the statistics entries below, each a period of its own. */
let publishedPeriods = 0;
const STATISTICS_ROUTES: Record<string, OrganisationRouteEntry> = {
  'GET /statistics/releases': { success: 200, call: (http) => http.get('/statistics/releases') },
  'GET /statistics/releases/:id': { success: 200, call: (http, id) => http.get(`/statistics/releases/${id}`) },
  'GET /statistics/releases/:id/tables.csv': {
    success: 200,
    call: (http, id) => http.get(`/statistics/releases/${id}/tables.csv`),
  },
  'GET /statistics/releases/:id/ctdc.csv': {
    success: 200,
    call: (http, id) => http.get(`/statistics/releases/${id}/ctdc.csv`),
  },
  'GET /statistics/requests/allowance': { success: 200, call: (http) => http.get('/statistics/requests/allowance') },
  'POST /statistics/requests': {
    success: 201,
    call: (http) => http.post('/statistics/requests').send({ dimensions: ['region', 'stage'] }),
  },
  // A period of its own each time: publishing one period again unchanged is refused (409).
  'POST /statistics/releases': {
    success: 201,
    call: (http) => http.post('/statistics/releases').send({ period: String(2000 + ++publishedPeriods) }),
  },
};
const STATISTICS_ROUTE_PATHS = /^\w+ \/statistics(\/|$)/;

// Set by beforeAll; the route entries reach the test's database through these.
let current: TestApp;
const asSuperuserOf = (_: Setup) => (sql: string, params: unknown[]) => asSuperuser(current.db, sql, params);
const createOrganisationIn = (_: Setup) => createOrganisation(current);

describe('the authorization matrix, generated from the route table', () => {
  let t: TestApp;
  const orgs = {} as Record<
    'owner' | 'formerOwner' | 'other' | 'share' | 'lawEnforcement' | 'pending' | 'consentWithdrawn',
    string
  >;
  const tokens = new Map<string, string>();
  const token = (org: string, role: Role) => tokens.get(`${org}/${role}`) as string;

  beforeAll(async () => {
    t = await startTestApp();
    current = t;
    orgs.owner = await createOrganisation(t, `Shelter Khujand matrix ${Date.now()}`);
    orgs.formerOwner = await createOrganisation(t, `Shelter Istaravshan matrix ${Date.now()}`);
    orgs.other = await createOrganisation(t, `NGO matrix ${Date.now()}`, 'NGO');
    orgs.share = await createOrganisation(t, `Medical NGO matrix ${Date.now()}`, 'HealthServiceOrganisation');
    orgs.lawEnforcement = await createOrganisation(t, `MIA unit matrix ${Date.now()}`, 'LawEnforcement');
    orgs.pending = await createOrganisation(t, `Shelter Dushanbe matrix ${Date.now()}`);
    orgs.consentWithdrawn = await createOrganisation(t, `Prosecutor matrix ${Date.now()}`, 'LawEnforcement');
    for (const org of Object.values(orgs)) {
      for (const role of ROLES) tokens.set(`${org}/${role}`, await login(t, await createUser(t, role, org)));
    }
  });
  afterAll(() => t.close());

  const auth = (org: string, role: Role) => ({ Authorization: `Bearer ${token(org, role)}` });
  const caller = (org: string, role: Role) => callerWith(t, token(org, role), `${role} of ${org}`);
  const as = (org: string, role: Role): Http => ({
    get: (path) => t.http().get(path).set(auth(org, role)),
    post: (path) => t.http().post(path).set(auth(org, role)),
    patch: (path) => t.http().patch(path).set(auth(org, role)),
    put: (path) => t.http().put(path).set(auth(org, role)),
    delete: (path) => t.http().delete(path).set(auth(org, role)),
  });
  const setup: Setup = {
    get owner() {
      return orgs.owner;
    },
    attachment: async (caseId) => {
      const [row] = await asSuperuser<{ organisation_id: string }>(
        t.db,
        'SELECT organisation_id FROM victim_case WHERE id = $1',
        [caseId],
      );
      if (!row) return randomUUID(); // the case that does not exist
      const uploaded = await t
        .http()
        .post(`/cases/${caseId}/attachments`)
        .set(auth(row.organisation_id, Role.Caseworker))
        .field('kind', 'other')
        .attach('file', pdfFixture('matrix', 2000), 'matrix.pdf');
      await asSuperuser(
        t.db,
        `INSERT INTO attachment_share (attachment_id, case_id, owner_organisation_id, organisation_id, shared_by)
         SELECT $1, a.case_id, a.owner_organisation_id, o, a.created_by FROM attachment a, unnest($2::uuid[]) o WHERE a.id = $1`,
        [uploaded.body.id, [orgs.share, orgs.lawEnforcement]],
      );
      return uploaded.body.id as string;
    },
    event: async (caseId) => {
      const id = randomUUID();
      await asSuperuser(
        t.db,
        `INSERT INTO trafficking_event (id, case_id, owner_organisation_id, type, created_by)
         SELECT $1, id, organisation_id, 'Recruitment', created_by FROM victim_case WHERE id = $2`,
        [id, caseId],
      );
      return id;
    },
    note: async (caseId) => {
      const [row] = await asSuperuser<{ organisation_id: string }>(
        t.db,
        'SELECT organisation_id FROM victim_case WHERE id = $1',
        [caseId],
      );
      if (!row) return randomUUID(); // the case that does not exist
      const written = await t
        .http()
        .post(`/cases/${caseId}/notes`)
        .set(auth(row.organisation_id, Role.Caseworker))
        .send(NOTE);
      await asSuperuser(
        t.db,
        `INSERT INTO case_note_share (note_id, case_id, owner_organisation_id, organisation_id, shared_by)
         SELECT $1, n.case_id, n.owner_organisation_id, $2, n.author_id FROM case_note n WHERE n.id = $1`,
        [written.body.id, orgs.share],
      );
      return written.body.id as string;
    },
    sharingOrganisation: async (caseId) => {
      const organisationId = await createOrganisation(t);
      if (!(await asSuperuser(t.db, 'SELECT 1 FROM victim_case WHERE id = $1', [caseId])).length) return organisationId;
      await shareCase(t, { caseId, organisationId, view: 'referral' });
      return organisationId;
    },
    freshConsent: async (caseId, recipient) => {
      const id = randomUUID();
      await asSuperuser(
        t.db,
        `INSERT INTO consent (id, case_id, owner_organisation_id, purpose, recipient_organisation_id, referral_purposes,
           given_at, given_by)
         SELECT $1, $2, organisation_id, $3, $4, $5, now(), created_by FROM victim_case WHERE id = $2`,
        [id, caseId, recipient ? 'referral' : 'statistics', recipient ?? null, recipient ? ['shelter'] : []],
      );
      return id;
    },
    version: async (caseId) => {
      const [row] = await asSuperuser<{ version: number }>(t.db, `SELECT version FROM victim_case WHERE id = $1`, [
        caseId,
      ]);
      return row?.version ?? 1;
    },
  };

  /** A case of the owner, with every field filled in, in every situation at once. */
  async function caseInEverySituation(): Promise<string> {
    // Opened by the former owner and transferred to the owner, who then refers it around.
    const former = caller(orgs.formerOwner, Role.Caseworker);
    const { id } = await former.openCase(NEW_CASE);
    const transfer = await former.referrals.send(id, {
      toOrganisationId: orgs.owner,
      purpose: 'transfer',
      consentId: await former.consentToReferral(id, orgs.owner, ['transfer']),
      dueAt: inDays(1),
    });
    expect((await caller(orgs.owner, Role.OrgManager).referrals.accept(transfer.body.id)).status).toBe(200);
    const owner = caller(orgs.owner, Role.Caseworker);
    const consent = (body: GiveConsent) => owner.consent(id, body);
    const refer = async (to: string, purpose: SendReferral['purpose'], consentId: string) =>
      (await owner.refer(id, { toOrganisationId: to, purpose, consentId, dueAt: inDays(1) })).id;
    const accept = (org: string, referralId: string) => caller(org, Role.OrgManager).accept(referralId);

    const medical = await consent({
      purpose: 'referral',
      recipientOrganisationId: orgs.share,
      referralPurposes: ['medical'],
    });
    await accept(orgs.share, await refer(orgs.share, 'medical', medical));
    const disclosure = await consent({
      purpose: 'law_enforcement_disclosure',
      recipientOrganisationId: orgs.lawEnforcement,
    });
    await accept(orgs.lawEnforcement, await refer(orgs.lawEnforcement, 'law_enforcement', disclosure));
    const shelter = await consent({
      purpose: 'referral',
      recipientOrganisationId: orgs.pending,
      referralPurposes: ['shelter'],
    });
    await refer(orgs.pending, 'shelter', shelter);
    const withdrawn = await consent({
      purpose: 'law_enforcement_disclosure',
      recipientOrganisationId: orgs.consentWithdrawn,
    });
    await accept(orgs.consentWithdrawn, await refer(orgs.consentWithdrawn, 'law_enforcement', withdrawn));
    expect((await owner.cases.withdrawConsent(id, withdrawn)).status).toBe(200);
    // The share is left as if revoking it had been forgotten: the consent check alone must hold.
    await asSuperuser(t.db, `UPDATE case_share SET revoked_at = NULL WHERE case_id = $1 AND organisation_id = $2`, [
      id,
      orgs.consentWithdrawn,
    ]);
    return id;
  }

  function callerOrg(situation: Situation): string {
    return situation === 'own' || situation === 'missing' ? orgs.owner : orgs[situation];
  }

  /** What the rules say a call should answer. */
  function expectedCaseStatus(route: RouteEntry, entry: CaseRouteEntry, role: Role, situation: Situation): number {
    if (!roleHasPermission(role, route.permission as Permission)) return 403;
    if (entry.rule) return entry.rule(role, situation);
    const staff = role === Role.Caseworker || role === Role.OrgManager;
    switch (situation) {
      case 'own':
        return staff ? entry.success : 404;
      case 'share':
        if (!staff) return 404;
        return entry.kind === 'read' ? entry.success : 403;
      case 'lawEnforcement':
        return entry.kind === 'read' ? entry.success : 403;
      default:
        return 404;
    }
  }

  const VIEW_FIELDS: Partial<Record<Situation, { fields: string[]; person: string[] }>> = {
    own: { fields: FULL_FIELDS, person: FULL_PERSON },
    share: { fields: REFERRAL_FIELDS, person: REFERRAL_PERSON },
    lawEnforcement: { fields: INVESTIGATION_FIELDS, person: INVESTIGATION_PERSON },
  };

  it('has an entry for every route on a case or a referral', () => {
    const routes = listRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    expect(routes.filter((r) => /^\w+ \/cases\/:id/.test(r) && !CASE_ROUTES[r])).toEqual([]);
    expect(routes.filter((r) => /^\w+ \/referrals\/:id/.test(r) && !REFERRAL_ROUTES[r])).toEqual([]);
    expect(Object.keys(CASE_ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  // One test a route (the table is checked against the routes above), so that each stays short on a
  // slow machine.
  it.each(Object.keys(CASE_ROUTES))(
    'answers %s for every role, in every situation, as the rules say, in the view the rules say',
    async (key) => {
      const mismatches: string[] = [];
      const route = listRoutes(t.app).find((r) => `${r.method} ${r.path}` === key);
      if (!route) throw new Error(`${key} is not a route`);
      const entry = CASE_ROUTES[key];
      const caseId = await caseInEverySituation();
      for (const situation of SITUATIONS) {
        for (const role of ROLES) {
          const target = situation === 'missing' ? randomUUID() : caseId;
          const response = await entry.call(as(callerOrg(situation), role), target, setup);
          const expected = expectedCaseStatus(route, entry, role, situation);
          if (response.status !== expected) {
            mismatches.push(`${key} ${role} ${situation}: ${response.status}, expected ${expected}`);
          }
          const view = VIEW_FIELDS[situation];
          if (key === 'GET /cases/:id' && response.status === 200 && view) {
            if (
              keys(response.body).join() !== view.fields.join() ||
              keys(response.body.person).join() !== view.person.join()
            ) {
              mismatches.push(
                `${key} ${role} ${situation}: fields ${keys(response.body)} / ${keys(response.body.person)}`,
              );
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('lists a case to exactly the callers that may read it, in their view', async () => {
    const caseId = await caseInEverySituation();
    const mismatches: string[] = [];
    for (const situation of SITUATIONS.filter((s) => s !== 'missing')) {
      for (const role of ROLES) {
        const response = await t
          .http()
          .get('/cases?limit=100')
          .set(auth(callerOrg(situation), role));
        const canList = roleHasPermission(role, 'case.read' as Permission);
        if (response.status !== (canList ? 200 : 403))
          mismatches.push(`GET /cases ${role} ${situation}: ${response.status}`);
        if (!canList) continue;
        const line = (response.body.items as Array<{ id: string; view: string }>).find((i) => i.id === caseId);
        const read = expectedCaseStatus(
          { method: 'GET', path: '/cases/:id', permission: 'case.read' } as RouteEntry,
          CASE_ROUTES['GET /cases/:id'],
          role,
          situation,
        );
        const view = { own: 'full', share: 'referral', lawEnforcement: 'investigation' }[situation as string];
        if ((line?.view ?? null) !== (read === 200 ? view : null)) {
          mismatches.push(`GET /cases ${role} ${situation}: listed as ${line?.view ?? 'nothing'}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('finds a case by search for exactly the callers that may read it, in their view', async () => {
    const caseId = await caseInEverySituation();
    const [{ reference }] = await asSuperuser<{ reference: string }>(
      t.db,
      'SELECT reference FROM victim_case WHERE id = $1',
      [caseId],
    );
    const mismatches: string[] = [];
    for (const situation of SITUATIONS.filter((s) => s !== 'missing')) {
      for (const role of ROLES) {
        const response = await t
          .http()
          .post('/cases/search')
          .set(auth(callerOrg(situation), role))
          .send({ query: `Karimova Zarina ${reference}`, limit: 50 });
        const canSearch = roleHasPermission(role, 'case.read' as Permission);
        if (response.status !== (canSearch ? 200 : 403))
          mismatches.push(`POST /cases/search ${role} ${situation}: ${response.status}`);
        if (!canSearch) continue;
        const hit = (response.body.items as Array<{ id: string; view: string; matches: number }>).find(
          (i) => i.id === caseId,
        );
        const read = expectedCaseStatus(
          { method: 'GET', path: '/cases/:id', permission: 'case.read' } as RouteEntry,
          CASE_ROUTES['GET /cases/:id'],
          role,
          situation,
        );
        const view = { own: 'full', share: 'referral', lawEnforcement: 'investigation' }[situation as string];
        if ((hit?.view ?? null) !== (read === 200 ? view : null)) {
          mismatches.push(`POST /cases/search ${role} ${situation}: found as ${hit?.view ?? 'nothing'}`);
        }
        if (hit && hit.matches !== 3)
          mismatches.push(`POST /cases/search ${role} ${situation}: ${hit.matches} matches`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every referral route, for every role, from both sides, a third organisation and a missing id', async () => {
    const owner = caller(orgs.owner, Role.Caseworker);
    /** A fresh pending referral of a fresh case, from the owner to `orgs.pending`. */
    const pendingReferral = async () => {
      const caseId = (await owner.cases.create({ person: PERSON })).body.id;
      const consentId = await setup.freshConsent(caseId, orgs.pending);
      const sent = await owner.refer(caseId, {
        toOrganisationId: orgs.pending,
        purpose: 'shelter',
        consentId,
        dueAt: inDays(1),
      });
      return sent.id;
    };
    const orgOf: Record<ReferralSituation, string> = {
      sender: orgs.owner,
      receiver: orgs.pending,
      third: orgs.other,
      missing: orgs.owner,
    };
    const mismatches: string[] = [];
    for (const route of listRoutes(t.app).filter((r) => REFERRAL_ROUTES[`${r.method} ${r.path}`])) {
      const key = `${route.method} ${route.path}`;
      const entry = REFERRAL_ROUTES[key];
      for (const situation of REFERRAL_SITUATIONS) {
        for (const role of ROLES) {
          const id = situation === 'missing' ? randomUUID() : await pendingReferral();
          const response = await entry.call(as(orgOf[situation], role), id);
          let expected: number;
          if (!roleHasPermission(role, route.permission as Permission)) expected = 403;
          else if (situation === 'third' || situation === 'missing') expected = 404;
          else if (entry.side === 'both' || entry.side === situation) expected = entry.success;
          else expected = 403;
          if (response.status !== expected)
            mismatches.push(`${key} ${role} ${situation}: ${response.status}, expected ${expected}`);
        }
      }
    }
    // A third organisation finds the referral in neither of its boxes.
    const third = await pendingReferral();
    for (const box of ['inbox', 'outbox']) {
      const listed = await t.http().get(`/referrals?box=${box}&limit=200`).set(auth(orgs.other, Role.OrgManager));
      if ((listed.body.items as Array<{ id: string }>).some((r) => r.id === third))
        mismatches.push(`GET /referrals ${box}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("answers every route over the caller's own organisation, for every role, on its own, another's and a missing target", async () => {
    const routes = listRoutes(t.app).filter((r) => ORGANISATION_ROUTE_PATHS.test(`${r.method} ${r.path}`));
    expect(routes.map((r) => `${r.method} ${r.path}`).filter((key) => !ORGANISATION_ROUTES[key])).toEqual([]);
    const targets: Record<OrganisationSituation, string> = {
      own: (await createUser(t, Role.Caseworker, orgs.owner)).id,
      other: (await createUser(t, Role.Caseworker, orgs.other)).id,
      missing: randomUUID(),
    };
    const mismatches: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const entry = ORGANISATION_ROUTES[key];
      const situations: OrganisationSituation[] = route.path.includes(':id') ? ['own', 'other', 'missing'] : ['own'];
      for (const situation of situations) {
        for (const role of ROLES) {
          const response = await entry.call(as(orgs.owner, role), targets[situation]);
          const expected = !roleHasPermission(role, route.permission as Permission)
            ? 403
            : situation === 'own'
              ? entry.success
              : 404;
          if (response.status !== expected) {
            mismatches.push(`${key} ${role} ${situation}: ${response.status}, expected ${expected}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every statistics route to exactly the roles with its permission, from every organisation', async () => {
    const routes = listRoutes(t.app).filter((r) => STATISTICS_ROUTE_PATHS.test(`${r.method} ${r.path}`));
    expect(routes.map((r) => `${r.method} ${r.path}`).filter((key) => !STATISTICS_ROUTES[key])).toEqual([]);
    const published = await as(orgs.owner, Role.Admin).post('/statistics/releases').send({ period: '2025' });
    expect(published.status).toBe(201);
    const mismatches: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      for (const org of [orgs.owner, orgs.other]) {
        for (const role of ROLES) {
          const response = await STATISTICS_ROUTES[key].call(as(org, role), published.body.id as string);
          const expected = roleHasPermission(role, route.permission as Permission)
            ? STATISTICS_ROUTES[key].success
            : 403;
          if (response.status !== expected) mismatches.push(`${key} ${role}: ${response.status}, expected ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('hides the case from every organisation without a live share by row-level security alone, the check in code off', async () => {
    const unchecked = await startTestApp(
      {
        PANOH_TEST_DISABLE_CASE_ACCESS_CHECK: 'true',
        PANOH_KEY_FILE: path.join(t.dataDir, 'keys', 'panoh-keys.json'),
      },
      t.db,
    );
    try {
      const caseId = await caseInEverySituation();
      const mismatches: string[] = [];
      for (const situation of ['formerOwner', 'other', 'pending', 'consentWithdrawn'] as const) {
        for (const role of [Role.Caseworker, Role.OrgManager, Role.Investigator]) {
          const headers = auth(orgs[situation], role);
          const read = await unchecked.http().get(`/cases/${caseId}`).set(headers);
          if (read.status !== 404) mismatches.push(`GET /cases/:id ${role} ${situation}: ${read.status}`);
          const list = await unchecked.http().get('/cases?limit=100').set(headers);
          if ((list.body.items as Array<{ id: string }>).some((item) => item.id === caseId)) {
            mismatches.push(`GET /cases ${role} ${situation}: listed`);
          }
        }
      }
      // The owner and the live shares still read it through the same app: the policies hid it, not an outage.
      for (const org of [orgs.owner, orgs.share, orgs.lawEnforcement]) {
        const read = await unchecked.http().get(`/cases/${caseId}`).set(auth(org, Role.OrgManager));
        if (read.status !== 200) mismatches.push(`GET /cases/:id org_manager of ${org}: ${read.status}`);
      }
      expect(mismatches).toEqual([]);
    } finally {
      await unchecked.close();
    }
  });
});
