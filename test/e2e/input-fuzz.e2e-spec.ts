import fc from 'fast-check';
import { ROLE_PERMISSIONS } from '../../src/core/access/permission';
import { listRoutes } from '../../src/core/guard/route-inventory';
import { Role, ROLES } from '../../src/core/access/role';
import { CASE, PERSON } from '../support/case-fixtures';
import { FuzzRequest, KnownIds, requestArbitrary } from '../support/fuzz-requests';
import { FIXED_MALFORMED, MARKER } from '../support/malformed-input';
import { ApiDescription, describeApi, Operation } from '../support/openapi-operations';
import { shareCase } from '../support/shares';
import { auditSeqOf, changedTables, Fingerprint, TableFingerprints } from '../support/table-fingerprint';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';

/**
 * Every operation of the OpenAPI document, as every role and without a session, with malformed values
 * in its path, query and body. Whatever is sent: no answer of 500 or above; every 4xx in the one error
 * shape, echoing nothing that was sent; and a refused request changes no row of any table.
 *
 * PANOH_FUZZ_RUNS sets the requests per operation for each role allowed to call it (default 3; one
 * for the roles refused by the guard); PANOH_FUZZ_SEED the seed (fixed, so a failure can be replayed).
 */
const RUNS = Number(process.env.PANOH_FUZZ_RUNS ?? 3);
const SEED = Number(process.env.PANOH_FUZZ_SEED ?? 20261201);
/** To replay a failure: only the operations whose `METHOD /path` matches this expression. */
const ONLY = process.env.PANOH_FUZZ_ONLY ? new RegExp(process.env.PANOH_FUZZ_ONLY) : undefined;
const CALLERS = [...ROLES, 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

/** Ending the fuzzing's own session would leave every later request unauthenticated. */
const NOT_FUZZED = new Set(['post /auth/logout']);
/**
 * A password change that gets past validation checks the current password, and a wrong one counts
 * toward the account's lock: it runs on accounts of its own, so a lock could not end the sessions the
 * other operations use.
 */
const OWN_ACCOUNTS = new Set(['post /auth/password']);

const operationName = (o: Operation) => `${o.method.toUpperCase()} ${o.path}`;

function seedOf(text: string): number {
  return [...text].reduce((hash, c) => (Math.imul(hash, 31) + c.charCodeAt(0)) | 0, 0);
}

const ERROR_KEYS = new Set(['statusCode', 'error', 'code', 'message', 'details', 'requestId']);

/** What is wrong with a 4xx answer, or undefined: the one error shape, nothing sent echoed back. */
function errorAnswerProblem(status: number, text: string, sent: FuzzRequest): string | undefined {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'the answer is not JSON';
  }
  const details = body.details as Array<Record<string, unknown>> | undefined;
  const shaped =
    body.statusCode === status &&
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    typeof body.requestId === 'string' &&
    (body.code === undefined || (typeof body.code === 'string' && /^[a-z_]+$/.test(body.code))) &&
    Object.keys(body).every((k) => ERROR_KEYS.has(k)) &&
    (details === undefined ||
      (Array.isArray(details) &&
        details.length > 0 &&
        details.every(
          (d) => typeof d.field === 'string' && typeof d.problem === 'string' && Object.keys(d).length === 2,
        )));
  if (!shaped) return `not the one error shape: ${text.slice(0, 300)}`;
  if (text.includes(MARKER)) return `echoes what was sent: ${text.slice(0, 2000)}`;
  const request = sent.url + (sent.body ?? '');
  const echoed = FIXED_MALFORMED.find((value) => request.includes(value) && text.includes(value));
  if (echoed) return `echoes ${echoed}`;
  return undefined;
}

describe('malformed input to every operation, as every role', () => {
  let t: TestApp;
  let api: ApiDescription;
  let fingerprints: TableFingerprints;
  const tokens = new Map<Caller, string>();
  const ownAccountTokens = new Map<Caller, string>();
  const ids = new Map<string, string[]>();

  beforeAll(async () => {
    // No lock within the fuzzing's budget: it would end sessions (a change the check below reports).
    t = await startTestApp({ PANOH_LOGIN_LOCK_AFTER: '1000' });
    const shelter = await createOrganisation(t, `Fuzz shelter ${Date.now()}`, 'Shelter');
    const ngo = await createOrganisation(t, `Fuzz NGO ${Date.now()}`, 'NGO');
    const police = await createOrganisation(t, `Fuzz police ${Date.now()}`, 'LawEnforcement');
    const home: Partial<Record<Role, string>> = {
      [Role.Caseworker]: shelter,
      [Role.OrgManager]: shelter,
      [Role.Investigator]: police,
    };
    for (const role of ROLES) {
      tokens.set(role, await login(t, await createUser(t, role, home[role])));
      ownAccountTokens.set(role, await login(t, await createUser(t, role, home[role])));
    }
    const ngoWorker = await login(t, await createUser(t, Role.Caseworker, ngo));
    const target = await createUser(t, Role.Caseworker, ngo);

    const as = (token: string | undefined) => ({ Authorization: `Bearer ${token}` });
    const caseworker = as(tokens.get(Role.Caseworker));
    const post = async (path: string, body: object, headers = caseworker) => {
      const response = await t.http().post(path).set(headers).send(body);
      if (response.status !== 201) throw new Error(`${path} answered ${response.status}: ${response.text}`);
      return response.body as { id: string; person?: { id: string } };
    };
    // The shelter's case: referred (pending) to the NGO, shared with the police unit, with an item of
    // its support plan, a perpetrator and a proceeding. The NGO's case: seen by none of the fuzzing roles.
    const own = await post('/cases', { person: PERSON, ...CASE });
    const other = await post('/cases', { person: PERSON, ...CASE }, as(ngoWorker));
    const toNgo = await post(`/cases/${own.id}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: ngo,
      referralPurposes: ['medical'],
    });
    const referral = await post(`/cases/${own.id}/referrals`, {
      toOrganisationId: ngo,
      purpose: 'medical',
      consentId: toNgo.id,
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const disclosure = await post(`/cases/${own.id}/consents`, { purpose: 'law_enforcement_disclosure' });
    await shareCase(t, {
      caseId: own.id,
      ownerOrganisationId: shelter,
      organisationId: police,
      view: 'investigation',
      consentId: disclosure.id,
    });
    const item = await post(`/cases/${own.id}/assistance`, { type: 'Shelter' });
    const task = await post(`/cases/${own.id}/tasks`, { title: 'Visit', dueOn: '2026-12-20' });
    const investigator = as(tokens.get(Role.Investigator));
    const perpetrator = await post(
      `/cases/${own.id}/investigation/perpetrators`,
      { roles: ['Exploiter'] },
      investigator,
    );
    const proceeding = await post(
      `/cases/${own.id}/investigation/proceedings`,
      { kind: 'investigation', openedOn: '2026-02-03' },
      investigator,
    );
    const cases = [own.id, other.id];
    const persons = [own.person!.id, other.person!.id];
    const organisations = [shelter, ngo, police];
    for (const [name, values] of Object.entries({
      '/cases:id': cases,
      '/persons:id': persons,
      '/users:id': [target.id],
      '/referrals:id': [referral.id],
      consentId: [toNgo.id, disclosure.id],
      itemId: [item.id],
      taskId: [task.id],
      perpetratorId: [perpetrator.id],
      proceedingId: [proceeding.id],
      caseId: cases,
      personId: persons,
      actorUserId: [target.id],
      perpetratorIds: [perpetrator.id],
      organisationId: organisations,
      toOrganisationId: organisations,
      recipientOrganisationId: organisations,
      decidingOrganisationId: organisations,
      providerOrganisationId: organisations,
    })) {
      ids.set(name, values);
    }

    api = await describeApi(t);
    fingerprints = await TableFingerprints.open(t.db);
  });
  afterAll(async () => {
    await fingerprints?.close();
    await t?.close();
  });

  const known: KnownIds = {
    pathParameter: (path, name) => ids.get(name === 'id' ? `/${path.split('/')[1]}:id` : name) ?? [],
    field: (name) => ids.get(name) ?? [],
  };

  it('finds the operations in the OpenAPI document', () => {
    const documented = new Set(api.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    // The pages are not operations of the API: their forms are tried in web-forms.e2e-spec.ts.
    const routed = listRoutes(t.app)
      .filter((r) => r.path !== '/' && r.path !== '/ui' && !r.path.startsWith('/ui/'))
      .map((r) => `${r.method} ${r.path}`);
    expect(routed.filter((r) => !documented.has(r))).toEqual([]);
  });

  it(
    'answers no request with 500 or more, every refusal in the one error shape without an echo, and a refusal writes nothing',
    async () => {
      const permissions = new Map(listRoutes(t.app).map((r) => [`${r.method} ${r.path}`, r.permission]));
      const mayCall = (caller: Caller, operation: Operation) => {
        const permission = permissions.get(`${operation.method.toUpperCase()} ${operation.path}`);
        if (permission === 'public') return true;
        return caller !== 'anonymous' && (ROLE_PERMISSIONS[caller] as readonly string[]).includes(permission ?? '');
      };
      const statuses = new Map<number, number>();
      const reachedBodyValidation = new Set<string>();
      const failures: string[] = [];
      let sent = 0;
      let baseline: Fingerprint = await fingerprints.take();

      for (const operation of api.operations) {
        if (NOT_FUZZED.has(`${operation.method} ${operation.path}`)) continue;
        if (ONLY && !ONLY.test(operationName(operation))) continue;
        for (const caller of CALLERS) {
          const token = (OWN_ACCOUNTS.has(`${operation.method} ${operation.path}`) ? ownAccountTokens : tokens).get(
            caller,
          );
          const property = fc.asyncProperty(requestArbitrary(operation, api, known), async (request) => {
            let call = t.http()[request.method](request.url);
            if (token) call = call.set('Authorization', `Bearer ${token}`);
            if (request.body !== undefined) {
              call = call.set('Content-Type', request.contentType ?? 'application/json').send(request.body);
            }
            const response = await call;
            sent++;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            const where = `${caller} ${request.method.toUpperCase()} ${request.url.slice(0, 200)}`;
            if (response.status >= 500) {
              throw new Error(
                `${where} answered ${response.status}; body sent: ${(request.body ?? '').slice(0, 1000)}`,
              );
            }
            if (response.status === 400 && operation.body) {
              const fields = ((response.body as { details?: Array<{ field: string }> }).details ?? []).map(
                (d) => d.field,
              );
              const parameters = operation.pathParameters.map((p) => p.name);
              if (fields.some((f) => !parameters.includes(f))) reachedBodyValidation.add(operationName(operation));
            }
            const after = await fingerprints.take();
            if (response.status >= 400) {
              const problem = errorAnswerProblem(response.status, response.text, request);
              if (problem) throw new Error(`${where} (${response.status}): ${problem}`);
              const changed = changedTables(baseline, after);
              if (changed.length)
                throw new Error(`${where} was refused (${response.status}) but changed ${changed.join(', ')}`);
              if (auditSeqOf(after) > auditSeqOf(baseline)) {
                const recorded = await fingerprints.newAuditOutcomes(auditSeqOf(baseline));
                if (recorded.includes('allowed')) throw new Error(`${where} was refused but audited as allowed`);
              }
            }
            baseline = after;
          });
          const runs = mayCall(caller, operation) ? RUNS : 1;
          // A seed per operation and caller, so that PANOH_FUZZ_ONLY replays the very same requests.
          const seed = (SEED + seedOf(`${operation.method} ${operation.path} ${caller}`)) | 0;
          const result = await fc.check(property, { seed, numRuns: runs, endOnFailure: true });
          if (result.failed)
            failures.push(
              `${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`,
            );
        }
      }

      const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
      process.stdout.write(
        `input fuzzing: ${sent} requests (PANOH_FUZZ_RUNS=${RUNS}, seed ${SEED}); statuses ${histogram.join(', ')}\n`,
      );
      expect(failures).toEqual([]);
      if (!ONLY) expect(sent).toBeGreaterThan(api.operations.length * CALLERS.length);
      // The known ids carry requests past the path to the validation of what they send.
      const withBody = api.operations.filter((o) => o.body && (!ONLY || ONLY.test(operationName(o))));
      expect(withBody.map(operationName).filter((name) => !reachedBodyValidation.has(name))).toEqual([]);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 4);
    },
    Math.max(300_000, RUNS * 60_000),
  );
});
