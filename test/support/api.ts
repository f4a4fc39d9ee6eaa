import type { Response, Test } from 'supertest';
import type { Role } from '../../src/core/access/role';
import type {
  AccessLogPage,
  AddPerpetrator,
  AddProceeding,
  AssistanceItemView,
  CaseHistory,
  CasePage,
  CaseRead,
  ChangeStage,
  ConsentView,
  CreateCase,
  CreatePerson,
  DeclineReferral,
  DuplicateCheck,
  DuplicateCheckResult,
  ErrorBody,
  FieldProblem,
  FullCaseView,
  GiveConsent,
  NotificationPage,
  PerpetratorView,
  PersonView,
  PlanAssistance,
  ProceedingView,
  RecordScreening,
  ReferralPage,
  ReferralView,
  ScreeningView,
  SendReferral,
  StageAnswer,
  UpdateAssistance,
  UpdateCase,
  UpdatePerpetrator,
  UpdatePerson,
  UpdateProceeding,
} from './api-types';
import { shareCase } from './shares';
import { createUser, login, TestApp, TestUser } from './test-app';

/**
 * An answer of the service: the body its route answers on success, or the one error shape (so a test
 * may read `body.code` or `body.details` of a refusal without casting).
 */
export type Reply<T> = Omit<Response, 'body'> & { body: T & Refusal };

/** The error shape as tests read a refusal: `details` whenever a test looks (a 400, 409 or 422 naming fields). */
type Refusal = Partial<Omit<ErrorBody, 'details'>> & { details: FieldProblem[] };

/** Who a test signs in, by the name it calls them: each a role in an organisation. */
export type Cast = Record<string, [Role, string]>;

/** A deadline `days` from now, as a referral's `dueAt`. */
export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

const reply = async <T>(request: Test): Promise<Reply<T>> => (await request) as Reply<T>;

/** The answer when it is `status`; otherwise an error naming the call, what it got and why. */
async function expectStatus<T>(what: string, status: number, request: Promise<Reply<T>>): Promise<T> {
  const response = await request;
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/**
 * One signed-in person calling the API. The grouped operations (`cases`, `referrals`, ...) send typed
 * bodies and answer whatever the service answers; the fixtures below them (`openCase`, `consent`,
 * `refer`, `accept`, ...) are the steps tests take on the way to what they test, and fail loudly unless
 * the step succeeds. `get`/`post`/`patch`/`delete` send anything at all, for malformed input on purpose.
 */
export class Caller {
  constructor(
    private readonly t: TestApp,
    readonly name: string,
    readonly token: string,
  ) {}

  get headers(): { Authorization: string } {
    return { Authorization: `Bearer ${this.token}` };
  }

  get(path: string): Test {
    return this.t.http().get(path).set(this.headers);
  }
  post(path: string): Test {
    return this.t.http().post(path).set(this.headers);
  }
  patch(path: string): Test {
    return this.t.http().patch(path).set(this.headers);
  }
  put(path: string): Test {
    return this.t.http().put(path).set(this.headers);
  }
  delete(path: string): Test {
    return this.t.http().delete(path).set(this.headers);
  }

  readonly cases = {
    create: (body: CreateCase) => reply<FullCaseView>(this.post('/cases').send(body)),
    list: (query: Record<string, string | number> = {}) => reply<CasePage>(this.get('/cases').query(query)),
    get: (id: string) => reply<CaseRead>(this.get(`/cases/${id}`)),
    update: (id: string, body: UpdateCase) => reply<FullCaseView>(this.patch(`/cases/${id}`).send(body)),
    history: (id: string) => reply<CaseHistory>(this.get(`/cases/${id}/history`)),
    accessLog: (id: string) => reply<AccessLogPage>(this.get(`/cases/${id}/access-log`)),
    screen: (id: string, body: RecordScreening) =>
      reply<ScreeningView>(this.post(`/cases/${id}/screenings`).send(body)),
    changeStage: (id: string, body: ChangeStage) => reply<StageAnswer>(this.post(`/cases/${id}/stage`).send(body)),
    giveConsent: (id: string, body: GiveConsent) => reply<ConsentView>(this.post(`/cases/${id}/consents`).send(body)),
    withdrawConsent: (id: string, consentId: string) =>
      reply<ConsentView>(this.post(`/cases/${id}/consents/${consentId}/withdraw`)),
  };

  readonly referrals = {
    /** Without `dueAt`, the answer is asked for within a week. */
    send: (caseId: string, body: SendReferral) =>
      reply<ReferralView>(this.post(`/cases/${caseId}/referrals`).send({ dueAt: inDays(7), ...body })),
    list: (query: { box?: 'inbox' | 'outbox'; status?: string } = {}) =>
      reply<ReferralPage>(this.get('/referrals').query(query)),
    get: (id: string) => reply<ReferralView>(this.get(`/referrals/${id}`)),
    accept: (id: string) => reply<ReferralView>(this.post(`/referrals/${id}/accept`)),
    decline: (id: string, body: DeclineReferral) =>
      reply<ReferralView>(this.post(`/referrals/${id}/decline`).send(body)),
    withdraw: (id: string) => reply<ReferralView>(this.post(`/referrals/${id}/withdraw`)),
  };

  readonly assistance = {
    plan: (caseId: string, body: PlanAssistance) =>
      reply<AssistanceItemView>(this.post(`/cases/${caseId}/assistance`).send(body)),
    list: (caseId: string) => reply<AssistanceItemView[]>(this.get(`/cases/${caseId}/assistance`)),
    update: (caseId: string, itemId: string, body: UpdateAssistance) =>
      reply<AssistanceItemView>(this.patch(`/cases/${caseId}/assistance/${itemId}`).send(body)),
  };

  readonly investigation = {
    addPerpetrator: (caseId: string, body: AddPerpetrator) =>
      reply<PerpetratorView>(this.post(`/cases/${caseId}/investigation/perpetrators`).send(body)),
    perpetrators: (caseId: string) => reply<PerpetratorView[]>(this.get(`/cases/${caseId}/investigation/perpetrators`)),
    updatePerpetrator: (caseId: string, id: string, body: UpdatePerpetrator) =>
      reply<PerpetratorView>(this.patch(`/cases/${caseId}/investigation/perpetrators/${id}`).send(body)),
    addProceeding: (caseId: string, body: AddProceeding) =>
      reply<ProceedingView>(this.post(`/cases/${caseId}/investigation/proceedings`).send(body)),
    proceedings: (caseId: string) => reply<ProceedingView[]>(this.get(`/cases/${caseId}/investigation/proceedings`)),
    updateProceeding: (caseId: string, id: string, body: UpdateProceeding) =>
      reply<ProceedingView>(this.patch(`/cases/${caseId}/investigation/proceedings/${id}`).send(body)),
  };

  readonly persons = {
    register: (body: CreatePerson) => reply<PersonView>(this.post('/persons').send(body)),
    get: (id: string) => reply<PersonView>(this.get(`/persons/${id}`)),
    update: (id: string, body: UpdatePerson) => reply<PersonView>(this.patch(`/persons/${id}`).send(body)),
    erase: (id: string) => reply<Record<string, never>>(this.delete(`/persons/${id}`)),
    checkDuplicates: (body: DuplicateCheck) =>
      reply<DuplicateCheckResult>(this.post('/persons/duplicates/check').send(body)),
    accessLog: (id: string) => reply<AccessLogPage>(this.get(`/persons/${id}/access-log`)),
  };

  readonly notifications = {
    list: () => reply<NotificationPage>(this.get('/notifications')),
  };

  /** Opens a case (201), in the full view. */
  openCase(body: CreateCase): Promise<FullCaseView> {
    return expectStatus(`${this.name}: POST /cases`, 201, this.cases.create(body));
  }

  /** Records the person's consent (201); its id. */
  async consent(caseId: string, body: GiveConsent): Promise<string> {
    return (await expectStatus(`${this.name}: POST consents`, 201, this.cases.giveConsent(caseId, body))).id;
  }

  /** Records the person's consent to be referred to organisation `to` for `purposes` (201); its id. */
  consentToReferral(caseId: string, to: string, purposes: Array<SendReferral['purpose']>): Promise<string> {
    return this.consent(caseId, { purpose: 'referral', recipientOrganisationId: to, referralPurposes: purposes });
  }

  /** Records the withdrawal of a consent (200). */
  async withdrawConsent(caseId: string, consentId: string): Promise<void> {
    await expectStatus(`${this.name}: POST consents/withdraw`, 200, this.cases.withdrawConsent(caseId, consentId));
  }

  /** Sends a referral (201). */
  refer(caseId: string, body: SendReferral): Promise<ReferralView> {
    return expectStatus(`${this.name}: POST referrals`, 201, this.referrals.send(caseId, body));
  }

  /** Accepts a referral (200), as the receiving organisation's manager. */
  accept(referralId: string): Promise<ReferralView> {
    return expectStatus(`${this.name}: POST accept`, 200, this.referrals.accept(referralId));
  }

  /** The case's version as the caller reads it now (200). */
  async version(caseId: string): Promise<number> {
    return (await expectStatus(`${this.name}: GET /cases/:id`, 200, this.cases.get(caseId))).version as number;
  }
}

/**
 * The people of one test file, signed in by name: `api.as('khujand').openCase(...)`. Sharing a case
 * directly (as the referral workflow would, without its steps) is here too, since it is written as the
 * superuser rather than as anyone.
 */
export class Api {
  private readonly users = new Map<string, TestUser>();
  private readonly callers = new Map<string, Caller>();

  constructor(readonly t: TestApp) {}

  /** Creates and logs in each of `cast` (one at a time: password hashing is the slow part anyway). */
  async signIn(cast: Cast): Promise<this> {
    for (const [name, [role, organisationId]] of Object.entries(cast)) {
      await this.add(name, await createUser(this.t, role, organisationId));
    }
    return this;
  }

  /** Logs in a user created elsewhere, under `name`. */
  async add(name: string, user: TestUser): Promise<Caller> {
    const caller = new Caller(this.t, name, await login(this.t, user));
    this.users.set(name, user);
    this.callers.set(name, caller);
    return caller;
  }

  as(name: string): Caller {
    const caller = this.callers.get(name);
    if (!caller) throw new Error(`no one called ${name} is signed in`);
    return caller;
  }

  user(name: string): TestUser {
    const user = this.users.get(name);
    if (!user) throw new Error(`no one called ${name} is signed in`);
    return user;
  }

  /**
   * A case of `owner`'s organisation shared as the NRM would have shared it, written directly: in the
   * referral view with each of `referral` (and offered, not yet accepted, to `pendingReferral`); in the
   * investigation view with `investigation` and offered to `pendingInvestigation`, on one consent to
   * disclosure; and with `withdrawnInvestigation` on a second consent, since withdrawn.
   */
  async sharedCase(owner: string, body: CreateCase, shares: SharedWith): Promise<string> {
    const caller = this.as(owner);
    const { id: caseId } = await caller.openCase(body);
    const base = { caseId, ownerOrganisationId: this.user(owner).organisationId };
    const disclosure = () => caller.consent(caseId, { purpose: 'law_enforcement_disclosure' });
    for (const organisationId of shares.referral ?? []) await this.share({ ...base, organisationId, view: 'referral' });
    for (const organisationId of shares.pendingReferral ?? []) {
      await this.share({ ...base, organisationId, view: 'referral', pending: true });
    }
    if (shares.investigation?.length || shares.pendingInvestigation?.length) {
      const consentId = await disclosure();
      for (const organisationId of shares.investigation ?? []) {
        await this.share({ ...base, organisationId, view: 'investigation', consentId });
      }
      for (const organisationId of shares.pendingInvestigation ?? []) {
        await this.share({ ...base, organisationId, view: 'investigation', consentId, pending: true });
      }
    }
    if (shares.withdrawnInvestigation?.length) {
      const consentId = await disclosure();
      for (const organisationId of shares.withdrawnInvestigation) {
        await this.share({ ...base, organisationId, view: 'investigation', consentId });
      }
      await caller.withdrawConsent(caseId, consentId);
    }
    return caseId;
  }

  /** A share of a case as the referral workflow creates it, written directly (see shareCase). */
  share(share: Parameters<typeof shareCase>[1]): Promise<string> {
    return shareCase(this.t, share);
  }
}

/** The organisations a case is shared with, by the state of each share (see Api.sharedCase). */
export interface SharedWith {
  referral?: string[];
  pendingReferral?: string[];
  investigation?: string[];
  pendingInvestigation?: string[];
  withdrawnInvestigation?: string[];
}

/** `cast` signed in on `t`. */
export function signInCast(t: TestApp, cast: Cast): Promise<Api> {
  return new Api(t).signIn(cast);
}

/** A caller with a token got some other way (a test that logs in itself). */
export function callerWith(t: TestApp, token: string, name = 'caller'): Caller {
  return new Caller(t, name, token);
}
