import { randomUUID } from 'node:crypto';
import { Role } from '../../src/core/access/role';
import { Api, signInCast } from '../support/api';
import { CASE, NEW_CASE, PERSON } from '../support/case-fixtures';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

interface AuditRow {
  action: string;
  outcome: string;
  status_code: number;
  case_ids: string[];
  person_ids: string[];
  view: string | null;
  fields: string[] | null;
  detail: Record<string, unknown> | null;
}

/** What the page's event and the API's must share: everything but who sent it, when and by which route. */
const essence = (row: AuditRow) => ({
  action: row.action,
  outcome: row.outcome,
  status_code: row.status_code,
  case_ids: [...row.case_ids].sort(),
  person_ids: [...row.person_ids].sort(),
  view: row.view,
  fields: row.fields ? [...row.fields].sort() : null,
  detail: row.detail,
});

/** Every `<title>`, link and form address of a page: none may hold anything of a person. */
function addressesAndTitles(html: string): string[] {
  return [...html.matchAll(/<title>([^<]*)<\/title>|(?:href|action)="([^"]*)"/g)].map((m) => m[1] ?? m[2]);
}

describe('the web interface: the case pages', () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let ngo: string;
  let police: string;
  const web = new Map<string, WebClient>();

  beforeAll(async () => {
    t = await startTestApp();
    shelter = await createOrganisation(t);
    ngo = await createOrganisation(t);
    police = await createOrganisation(t);
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ngo: [Role.Caseworker, ngo],
      investigator: [Role.Investigator, police],
      commission: [Role.Commission, shelter],
      auditor: [Role.Auditor, shelter],
      admin: [Role.Admin, shelter],
    });
    for (const name of ['caseworker', 'manager', 'ngo', 'investigator', 'commission', 'auditor', 'admin']) {
      const client = new WebClient(t);
      await client.signIn(api.user(name));
      web.set(name, client);
    }
  });
  afterAll(() => t.close());

  const as = (name: string): WebClient => web.get(name) as WebClient;

  const lastEvent = async (name: string, action: string): Promise<AuditRow> => {
    const [row] = await asSuperuser<AuditRow>(
      t.db,
      `SELECT action, outcome, status_code, case_ids, person_ids, view, fields, detail FROM audit_event
       WHERE actor_user_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1`,
      [api.user(name).id, action],
    );
    return row;
  };

  const counts = async () => {
    const [row] = await asSuperuser<{ persons: string; cases: string }>(
      t.db,
      `SELECT (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM victim_case) AS cases`,
    );
    return row;
  };

  describe('the list of cases', () => {
    it('says in words that there is no case yet', async () => {
      const page = await as('ngo').get('/ui/cases');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Ҳоло парванда нест');
      expect(page.text).not.toContain('<table>');
    });

    it("lists the organisation's cases newest first, with the reference, the name, the stage and the deadline marks", async () => {
      const older = await api.as('caseworker').openCase({ ...NEW_CASE, registeredOn: '2026-01-10' });
      const newer = await api.as('caseworker').openCase({
        ...NEW_CASE,
        person: { ...PERSON, familyName: 'Рахимова' },
        registeredOn: '2026-02-10',
      });
      await api.as('ngo').openCase({ person: { familyName: 'Elsewhere', givenName: 'Not listed' } });
      const page = await as('caseworker').get('/ui/cases');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<caption>');
      expect(page.text).toContain(older.reference);
      expect(page.text.indexOf(newer.reference)).toBeLessThan(page.text.indexOf(older.reference));
      expect(page.text).toContain('Рахимова Зарина');
      expect(page.text).toContain('Ошкор шуд'); // the stage `identified`, in Tajik
      expect(page.text).not.toContain('Elsewhere');
      expect((await lastEvent('caseworker', 'case.listed')).case_ids).toEqual(
        expect.arrayContaining([older.id, newer.id]),
      );
    });

    it('marks a case whose reflection period has ended and one whose referral answer is overdue', async () => {
      const due = await api.as('caseworker').openCase({ ...NEW_CASE, registeredOn: '2026-03-01' });
      await api.as('caseworker').cases.changeStage(due.id, { to: 'reflection', version: 1, reason: 'Stabilised' });
      await asSuperuser(t.db, `UPDATE victim_case SET stage_changed_at = now() - interval '31 days' WHERE id = $1`, [
        due.id,
      ]);
      const waiting = await api.as('caseworker').openCase({ ...NEW_CASE, registeredOn: '2026-03-02' });
      const consentId = await api.as('caseworker').consentToReferral(waiting.id, ngo, ['shelter']);
      const referral = await api
        .as('caseworker')
        .refer(waiting.id, { toOrganisationId: ngo, purpose: 'shelter', consentId });
      await asSuperuser(t.db, `UPDATE referral SET due_at = now() - interval '1 hour' WHERE id = $1`, [referral.id]);

      const page = await as('caseworker').get('/ui/cases?from=2026-03-01&to=2026-03-02');
      const rows = page.text.split('<tr>').slice(2);
      const rowOf = (reference: string) => rows.find((r) => r.includes(reference)) as string;
      expect(rowOf(due.reference)).toContain('Вақти қарор дар бораи мақом расид');
      expect(rowOf(waiting.reference)).toContain('Мӯҳлати ҷавоб ба равонасозӣ гузашт');
      expect(rowOf(waiting.reference)).not.toContain('Вақти қарор');
    });

    it('filters by stage, status and registration days, and pages with codes and days only in the address', async () => {
      const page = await as('caseworker').get('/ui/cases?stage=reflection&status=PossibleVictimOfTrafficking');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<option value="reflection" selected>');
      const references = [...page.text.matchAll(/TJ-\d{4}-\d{5}/g)].map((m) => m[0]);
      expect(new Set(references).size).toBe(1);
      const range = await as('caseworker').get('/ui/cases?from=2026-02-01&to=2026-02-28');
      expect([...new Set([...range.text.matchAll(/TJ-\d{4}-\d{5}/g)].map((m) => m[0]))]).toHaveLength(1);
      const beyond = await as('caseworker').get('/ui/cases?page=9');
      expect(beyond.status).toBe(200);
      expect(beyond.text).toContain('Ягон парванда ба ин шартҳо мувофиқ нест.');
      const event = await lastEvent('caseworker', 'case.listed');
      expect(event.detail).toMatchObject({ returned: 0 });
    });

    it('refuses a filter that is not a code or a day, naming the field, and records the refusal', async () => {
      const page = await as('caseworker').get('/ui/cases?stage=nowhere&from=2026-02-30');
      expect(page.status).toBe(400);
      expect(page.text).toMatch(/id="f-stage-error">Яке аз вариантҳоро интихоб кунед\./);
      expect(page.text).toMatch(/id="f-from-error">/);
      expect((await lastEvent('caseworker', 'case.listed')).outcome).toBe('failed');
    });

    it('is not open to roles that read no case, and the attempt is recorded', async () => {
      for (const name of ['commission', 'auditor', 'admin']) {
        const page = await as(name).get('/ui/cases');
        expect({ name, status: page.status }).toEqual({ name, status: 403 });
        expect(await lastEvent(name, 'access.denied')).toMatchObject({
          detail: expect.objectContaining({ attempted: 'case.listed' }),
        });
      }
    });
  });

  describe('the case page', () => {
    let caseId: string;
    let consentId: string;

    beforeAll(async () => {
      const created = await api.as('caseworker').openCase(NEW_CASE);
      caseId = created.id;
      consentId = await api.as('caseworker').consent(caseId, { purpose: 'assistance' });
      await api.as('caseworker').cases.screen(caseId, {
        indicatorList: 'ilo_forced_labour_11',
        indicators: ['deception', 'isolation'],
        result: 'indicators_present',
      });
    });

    it('shows the case in the full view with labels, screenings, consents, the stage and the history, and links to the work', async () => {
      const page = await as('caseworker').get(`/ui/cases/${caseId}`);
      expect(page.status).toBe(200);
      for (const shown of [
        PERSON.familyName,
        PERSON.address,
        CASE.narrative,
        CASE.shelterLocation,
        'Занона', // gender Feminine
        'Фиреб', // the indicator `deception`
        'Khujand',
        'Парванда кушода шуд', // the history's first entry
        'Марҳилаҳои имконпазири навбатӣ',
      ]) {
        expect({ shown, found: page.text.includes(shown) }).toEqual({ shown, found: true });
      }
      expect(page.text).toContain(`action="/ui/cases/${caseId}/consents/${consentId}/withdraw"`);
      expect(page.text).toMatch(/data-confirm="[^"]+"/);
      for (const link of ['stage', 'referrals', 'support', 'screenings/new', 'consents/new', 'print']) {
        expect(page.text).toContain(`href="/ui/cases/${caseId}/${link}"`);
      }
      expect(page.text).not.toContain(`href="/ui/cases/${caseId}/erase"`);
      expect(page.text).not.toContain(`href="/ui/cases/${caseId}/investigation"`);
      const manager = await as('manager').get(`/ui/cases/${caseId}`);
      expect(manager.text).toContain(`href="/ui/cases/${caseId}/erase"`);
      expect(manager.text).toContain(`href="/ui/cases/${caseId}/investigation"`);
    });

    it('writes the very event GET /cases/:id writes', async () => {
      await as('caseworker').get(`/ui/cases/${caseId}`);
      const page = await lastEvent('caseworker', 'case.viewed');
      expect((await api.as('caseworker').cases.get(caseId)).status).toBe(200);
      const apiEvent = await lastEvent('caseworker', 'case.viewed');
      expect(essence(page)).toEqual(essence(apiEvent));
      expect(page).toMatchObject({ outcome: 'allowed', view: 'full', case_ids: [caseId] });
    });

    it('shows the end of the reflection period while the case is at that stage', async () => {
      const { id } = await api.as('caseworker').openCase(NEW_CASE);
      await api.as('caseworker').cases.changeStage(id, { to: 'reflection', version: 1, reason: 'Safe now' });
      const page = await as('caseworker').get(`/ui/cases/${id}`);
      const ends = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      expect(page.text).toContain('Давраи андеша ба охир мерасад');
      expect(page.text).toContain(ends);
      expect(page.text).toContain('Safe now');
    });

    it("answers another organisation's case with the not-found page, audited as the API's 404", async () => {
      const page = await as('ngo').get(`/ui/cases/${caseId}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('Ёфт нашуд');
      expect(page.text).not.toContain(PERSON.familyName);
      const pageEvent = await lastEvent('ngo', 'case.viewed');
      expect((await api.as('ngo').cases.get(caseId)).status).toBe(404);
      const apiEvent = await lastEvent('ngo', 'case.viewed');
      expect(essence(pageEvent)).toEqual(essence(apiEvent));
      expect(pageEvent).toMatchObject({ outcome: 'denied', status_code: 404, case_ids: [caseId] });
      expect((await as('ngo').get(`/ui/cases/${randomUUID()}`)).status).toBe(404);
      expect((await as('ngo').get('/ui/cases/not-a-case')).status).toBe(400);
    });

    it('shows an investigator the investigation view only, and what it may open', async () => {
      const shared = await api.sharedCase('caseworker', NEW_CASE, { investigation: [police] });
      const page = await as('investigator').get(`/ui/cases/${shared}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Намуди тафтиш');
      expect(page.text).toContain(PERSON.familyName);
      for (const hidden of [PERSON.phone, PERSON.address, CASE.narrative, CASE.shelterLocation, CASE.healthNotes]) {
        expect({ hidden, found: page.text.includes(hidden) }).toEqual({ hidden, found: false });
      }
      expect(page.text).toContain(`href="/ui/cases/${shared}/investigation"`);
      for (const link of ['stage', 'referrals', 'support', 'consents/new', 'erase']) {
        expect(page.text).not.toContain(`href="/ui/cases/${shared}/${link}"`);
      }
      expect(page.text).not.toContain('/withdraw"');
      expect((await lastEvent('investigator', 'case.viewed')).view).toBe('investigation');
    });

    it('prints the case summary with a print button the script reveals, audited as a case read', async () => {
      const page = await as('caseworker').get(`/ui/cases/${caseId}/print`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('class="print-view"');
      expect(page.text).toContain('data-print hidden');
      expect(page.text).toContain('media="print"');
      expect(page.text).toContain(PERSON.familyName);
      expect(page.text).not.toContain(CASE.healthNotes);
      expect(page.text).not.toContain('<nav');
      const event = await lastEvent('caseworker', 'case.viewed');
      expect(event).toMatchObject({ outcome: 'allowed', case_ids: [caseId], view: 'full' });
    });
  });

  describe('registering a person and opening a case', () => {
    it('starts with the duplicate check, its fields kept from the browser’s memory', async () => {
      const page = await as('caseworker').get('/ui/cases/new');
      expect(page.status).toBe(200);
      expect(page.text).toContain('action="/ui/cases/duplicate-check"');
      expect(page.text).toMatch(/name="familyName"[^>]*autocomplete="off"/);
    });

    it('says match, possible match or no match as the API does, and is audited as its check', async () => {
      await as('caseworker').get('/ui/cases/new');
      const own = await as('caseworker').post('/ui/cases/duplicate-check', { documentNumber: 'A 7730411' });
      expect(own.status).toBe(200);
      expect(own.text).toContain('Мувофиқат: ташкилоти шумо ин шахсро аллакай ба қайд гирифтааст.');
      const pageEvent = await lastEvent('caseworker', 'person.duplicate_checked');
      await api.as('caseworker').persons.checkDuplicates({ documentNumbers: ['A 7730411'] });
      const apiEvent = await lastEvent('caseworker', 'person.duplicate_checked');
      expect(essence(pageEvent)).toEqual(essence(apiEvent));
      expect(pageEvent.detail).toMatchObject({ outcome: 'own_organisation' });

      await as('ngo').get('/ui/cases/new');
      const elsewhere = await as('ngo').post('/ui/cases/duplicate-check', { documentNumber: 'A 7730411' });
      expect(elsewhere.text).toContain('Эҳтимоли мувофиқат дар ташкилоти дигар.');
      expect(elsewhere.text).not.toContain(PERSON.givenName);

      const none = await as('caseworker').post('/ui/cases/duplicate-check', {
        familyName: 'Нав',
        givenName: 'Касе',
        dateOfBirth: '1990',
      });
      expect(none.text).toContain('Мувофиқат ёфт нашуд.');
      // The register form follows, starting from what the check was given.
      expect(none.text).toContain('action="/ui/cases/new"');
      expect(none.text).toMatch(/name="familyName" type="text" value="Нав"/);
      // The whole form, every code list in it, stays well under the pages' weight.
      expect(Buffer.byteLength(none.text)).toBeLessThan(80_000);
    });

    it('asks for something to compare, in words', async () => {
      await as('caseworker').get('/ui/cases/new');
      const page = await as('caseworker').post('/ui/cases/duplicate-check', { familyName: 'Only' });
      expect(page.status).toBe(400);
      expect(page.text).toContain('Рақами ҳуҷҷат ё насаб, ном ва сана ё соли таваллудро нависед.');
      expect((await lastEvent('caseworker', 'person.duplicate_checked')).outcome).toBe('failed');
    });

    it('refuses a bad date of birth with the Tajik words beside the field, keeping everything typed and writing nothing', async () => {
      const before = await counts();
      await as('caseworker').get('/ui/cases/new');
      const page = await as('caseworker').post('/ui/cases/new', {
        familyName: 'Каримова',
        givenName: 'Зарина',
        dateOfBirth: '1998-13',
        'identityDocuments[0].type': 'passport',
        'identityDocuments[0].number': 'B 100200',
        phone: '+992 92 555 0101',
        gender: 'Feminine',
        exploitationTypes: ['ForcedLabour', 'SexualExploitation'],
        narrative: 'Recruited in Khujand.',
        'events[0].type': 'Recruitment',
        'events[0].city': 'Khujand',
      });
      expect(page.status).toBe(400);
      expect(page.text).toMatch(/id="f-dateOfBirth-error">Соли таваллуд, сол-моҳ ё сол-моҳ-рӯзро ворид кунед/);
      expect(page.text).toMatch(/name="dateOfBirth" type="text" value="1998-13"/);
      expect(page.text).toMatch(/name="familyName" type="text" value="Каримова"/);
      expect(page.text).toMatch(/name="identityDocuments\[0\]\.number" type="text" value="B 100200"/);
      expect(page.text).toContain('<option value="passport" selected>');
      expect(page.text).toContain('<option value="Feminine" selected>');
      expect(page.text).toMatch(/value="ForcedLabour" checked/);
      expect(page.text).toMatch(/value="SexualExploitation" checked/);
      expect(page.text).toContain('>Recruited in Khujand.</textarea>');
      expect(page.text).toMatch(/name="events\[0\]\.city" type="text" value="Khujand"/);
      expect(await counts()).toEqual(before);
      expect((await lastEvent('caseworker', 'case.created')).outcome).toBe('failed');
    });

    it('names the missing part of a half-filled document and a required name', async () => {
      await as('caseworker').get('/ui/cases/new');
      const page = await as('caseworker').post('/ui/cases/new', {
        givenName: 'Зарина',
        'identityDocuments[1].number': 'C1',
      });
      expect(page.status).toBe(400);
      expect(page.text).toMatch(/id="f-identityDocuments-1--type-error">Ҳам навъ ва ҳам рақами ҳуҷҷатро нависед\./);
      const named = await as('caseworker').post('/ui/cases/new', { givenName: 'Зарина' });
      expect(named.text).toMatch(/id="f-familyName-error">Ин майдонро пур кунед\./);
    });

    it('registers the person and opens the case in one go, then shows the case', async () => {
      const before = await counts();
      await as('caseworker').get('/ui/cases/new');
      const sent = await as('caseworker').post('/ui/cases/new', {
        familyName: 'Saidova',
        givenName: 'Malika',
        dateOfBirth: '2001-07',
        'identityDocuments[0].type': 'national_id',
        'identityDocuments[0].number': 'D 5550001',
        'identityDocuments[0].issuingCountry': 'TJK',
        gender: 'Feminine',
        citizenship: 'TJK',
        meansOfControl: ['DebtBondage'],
        narrative: 'Met at the border.',
        'events[1].type': 'Exploitation',
        'events[1].occurredOn': '2024',
        'events[1].country': 'RUS',
      });
      expect(sent.status).toBe(303);
      const location = sent.headers.location as string;
      expect(location).toMatch(/^\/ui\/cases\/[0-9a-f-]{36}\?done=opened$/);
      const after = await counts();
      expect(Number(after.persons)).toBe(Number(before.persons) + 1);
      expect(Number(after.cases)).toBe(Number(before.cases) + 1);
      const event = await lastEvent('caseworker', 'case.created');
      expect(event).toMatchObject({ outcome: 'allowed', view: 'full' });
      const caseId = location.slice('/ui/cases/'.length, '/ui/cases/'.length + 36);
      expect(event.case_ids).toEqual([caseId]);
      const page = await as('caseworker').follow();
      expect(page.status).toBe(200);
      expect(page.text).toContain('Парванда кушода шуд.');
      expect(page.text).toContain('Saidova');
      expect(page.text).toContain('Met at the border.');
      const read = await api.as('caseworker').cases.get(caseId);
      expect(read.body).toMatchObject({
        person: {
          dateOfBirth: '2001-07',
          identityDocuments: [{ type: 'national_id', number: 'D 5550001', issuingCountry: 'TJK' }],
        },
        meansOfControl: ['DebtBondage'],
        events: [{ type: 'Exploitation', occurredOn: '2024', country: 'RUS' }],
      });
    });

    it('is refused to a role that opens no case, and the attempt is recorded', async () => {
      await as('investigator').get('/ui/cases/new');
      const sent = await as('investigator').post('/ui/cases/new', { familyName: 'X', givenName: 'Y' });
      expect(sent.status).toBe(403);
      expect(await lastEvent('investigator', 'access.denied')).toMatchObject({
        detail: expect.objectContaining({ attempted: 'case.created' }),
      });
    });
  });

  it('puts no name in any address or title of the case pages', async () => {
    const { id } = await api.as('caseworker').openCase(NEW_CASE);
    const client = as('caseworker');
    const pages = [
      await client.get('/ui/cases'),
      await client.get(`/ui/cases/${id}`),
      await client.get(`/ui/cases/${id}/print`),
      await client.post('/ui/cases/duplicate-check', {
        familyName: PERSON.familyName,
        givenName: PERSON.givenName,
        dateOfBirth: '1998',
      }),
    ];
    for (const page of pages) {
      for (const text of addressesAndTitles(page.text)) {
        for (const secret of [PERSON.familyName, PERSON.givenName, PERSON.dateOfBirth, 'A 7730411', 'Khujand']) {
          expect({ text, holds: text.includes(secret) }).toEqual({ text, holds: false });
        }
      }
    }
  });
});
