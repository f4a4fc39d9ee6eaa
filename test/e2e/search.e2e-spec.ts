import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { Api, signInCast } from '../support/api';
import { CASE, PERSON } from '../support/case-fixtures';
import { transferCase } from '../support/shares';
import { asServiceRole, asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';

interface Hit {
  id: string;
  view: string;
  reference: string;
  familyName: string | null;
  givenName: string | null;
  matches: number;
  matchedOn: string[];
}

/** The name table of docs/crypto.md ("Names across scripts"): each row's Tajik, Russian and Latin forms. */
function namePairs(): Array<{ tajik: string; russian: string; latin: string[] }> {
  const doc = readFileSync(path.join(__dirname, '../../docs/crypto.md'), 'utf8');
  const table = doc.split('<!-- name-pairs:start -->')[1]?.split('<!-- name-pairs:end -->')[0] ?? '';
  return table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\| (Tajik|---)/.test(line))
    .map((line) => {
      const [tajik, russian, latin] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim());
      return { tajik, russian, latin: latin.split(';').map((form) => form.trim()) };
    });
}

const PAIRS = namePairs();
const split = (name: string) => {
  const [familyName, givenName] = name.split(' ');
  return { familyName, givenName };
};

describe('searching cases', () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let ngo: string;
  let police: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_DUPLICATE_CHECKS_PER_WINDOW: '1000' });
    [shelter, ngo, police, other] = await Promise.all([1, 2, 3, 4].map(() => createOrganisation(t)));
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      ngo: [Role.Caseworker, ngo],
      ngoManager: [Role.OrgManager, ngo],
      investigator: [Role.Investigator, police],
      other: [Role.Caseworker, other],
    });
  });
  afterAll(() => t.close());

  const search = (who: string, query: string) => api.as(who).post('/cases/search').send({ query, limit: 50 });
  const found = async (who: string, query: string): Promise<Hit[]> => {
    const response = await search(who, query);
    expect(response.status).toBe(200);
    return response.body.items as Hit[];
  };

  it('reads a name table of about twenty rows from docs/crypto.md', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(20);
    for (const pair of PAIRS) expect(pair.latin.length).toBeGreaterThanOrEqual(2);
  });

  it("finds every form of each name of the table, and the duplicate check matches it", async () => {
    const cases = new Map<string, { caseId: string; personId: string }>();
    for (const [i, pair] of PAIRS.entries()) {
      const person = { ...split(pair.russian), dateOfBirth: `19${70 + i}-01-15`, identityDocuments: [] };
      const opened = await api.as('caseworker').openCase({ ...CASE, person });
      cases.set(pair.russian, { caseId: opened.id, personId: opened.person.id });
    }
    const missed: string[] = [];
    for (const [i, pair] of PAIRS.entries()) {
      const { caseId, personId } = cases.get(pair.russian) as { caseId: string; personId: string };
      for (const form of [pair.tajik, pair.russian, ...pair.latin]) {
        const hit = (await found('caseworker', form)).find((h) => h.id === caseId);
        if (!hit || hit.matches !== 2) missed.push(`search: ${form} for ${pair.russian}`);
        const check = await api
          .as('caseworker')
          .post('/persons/duplicates/check')
          .send({ ...split(form), dateOfBirth: `19${70 + i}` });
        if (check.body.outcome !== 'own_organisation' || !check.body.personIds.includes(personId)) {
          missed.push(`duplicate check: ${form} for ${pair.russian}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('ranks the case matching more of the words first', async () => {
    const both = await api.as('caseworker').openCase({
      ...CASE,
      person: { familyName: 'Нуриддинова', givenName: 'Парвина', identityDocuments: [] },
    });
    const one = await api.as('caseworker').openCase({
      ...CASE,
      person: { familyName: 'Нуриддинова', givenName: 'Сабрина', identityDocuments: [] },
    });
    const hits = await found('caseworker', 'Nuriddinova Parvina');
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual([both.id, one.id]);
    expect(hits.slice(0, 2).map((h) => h.matches)).toEqual([2, 1]);
  });

  it('finds a case by its reference, phone number and document number', async () => {
    const opened = await api.as('caseworker').openCase({
      ...CASE,
      person: {
        ...PERSON,
        familyName: 'Давлатова',
        phone: '+992 93 700 1234',
        identityDocuments: [{ type: 'passport', number: 'А 9911-223' }],
      },
    });
    for (const query of [opened.reference, '937001234', '8 93 700 12 34', 'a9911223', 'A 9911-223']) {
      expect((await found('caseworker', query)).map((h) => h.id)).toContain(opened.id);
    }
  });

  it("never finds another organisation's case, by name, phone, document or reference", async () => {
    const opened = await api.as('caseworker').openCase({
      ...CASE,
      person: { ...PERSON, familyName: 'Шамсиева', phone: '+992 90 111 2233' },
    });
    for (const query of ['Shamsieva Zarina', 'Шамсиева', '901112233', 'A7730411', opened.reference]) {
      const hits = await found('other', query);
      expect(hits.map((h) => h.id)).not.toContain(opened.id);
      expect(JSON.stringify(hits)).not.toContain('Шамсиева');
    }
  });

  it('finds a shared case in the sharing view, and for an investigator only by what its view shows', async () => {
    const caseId = await api.sharedCase(
      'caseworker',
      {
        ...CASE,
        person: {
          ...PERSON,
          familyName: 'Баҳромова',
          phone: '+992 91 222 3344',
          identityDocuments: [{ type: 'passport', number: 'B 5566778' }],
        },
      },
      { referral: [ngo], investigation: [police] },
    );
    const inReferral = (await found('ngo', 'Bahromova')).find((h) => h.id === caseId);
    expect(inReferral).toMatchObject({ view: 'referral', familyName: 'Баҳромова', matches: 1 });
    expect((await found('ngo', '912223344')).map((h) => h.id)).toContain(caseId); // the referral view shows the phone
    expect((await found('ngo', 'B5566778')).map((h) => h.id)).not.toContain(caseId); // but not documents

    const inInvestigation = (await found('investigator', 'Баҳромова Зарина')).find((h) => h.id === caseId);
    expect(inInvestigation).toMatchObject({ view: 'investigation', matches: 2, matchedOn: ['name'] });
    expect(Object.keys(inInvestigation ?? {}).sort()).toEqual(
      ['familyName', 'givenName', 'id', 'matchedOn', 'matches', 'reference', 'stage', 'traffickingStatus', 'view'].sort(),
    );
    expect((await found('investigator', 'B 5566778')).map((h) => h.id)).toContain(caseId); // its view shows documents
    expect((await found('investigator', '+992 91 222 3344')).map((h) => h.id)).not.toContain(caseId); // not the phone
    const both = (await found('investigator', 'Bahromova 912223344')).find((h) => h.id === caseId);
    expect(both).toMatchObject({ matches: 1, matchedOn: ['name'] });
  });

  it('finds a transferred case for its new owner while the person stays registered with the sender', async () => {
    const first = await api.as('caseworker').openCase({ ...CASE, person: { ...PERSON, familyName: 'Давлатова' } });
    const second = await api.as('caseworker').post('/cases').send({ ...CASE, personId: first.person.id });
    expect(second.status).toBe(201);
    const status = await transferCase(t, {
      caseId: second.body.id as string,
      to: ngo,
      ownerToken: api.as('caseworker').token,
      managerToken: api.as('ngoManager').token,
    });
    expect(status).toBe('accepted');
    const [organisation] = await asSuperuser<{ organisation_id: string }>(
      t.db,
      `SELECT organisation_id FROM person WHERE id = $1`,
      [first.person.id],
    );
    expect(organisation.organisation_id).toBe(shelter); // the sender still holds a case of the person

    const byNewOwner = await found('ngo', 'Davlatova');
    expect(byNewOwner.find((h) => h.id === second.body.id)).toMatchObject({ view: 'full', familyName: 'Давлатова' });
    expect(byNewOwner.map((h) => h.id)).not.toContain(first.id); // the case the sender kept is not the new owner's
    const bySender = (await found('caseworker', 'Davlatova')).map((h) => h.id);
    expect(bySender).toContain(first.id);
    expect(bySender).not.toContain(second.body.id);
    expect((await found('other', 'Davlatova')).map((h) => h.id)).not.toContain(second.body.id);
  });

  it('audits a search without the words searched for', async () => {
    const response = await search('caseworker', 'Raximova Madina 937001234');
    expect(response.status).toBe(200);
    const [event] = await asSuperuser<Record<string, unknown>>(
      t.db,
      `SELECT * FROM audit_event WHERE request_id = $1`,
      [response.headers['x-request-id']],
    );
    expect(event).toMatchObject({ action: 'case.searched', outcome: 'allowed' });
    expect((event.detail as Record<string, unknown>).kinds).toEqual(['document', 'name', 'phone']);
    expect(JSON.stringify(event)).not.toMatch(/raximova|rahimova|Рахимова|madina|Мадина|937001234|7001234/i);
  });

  it('keeps the search words out of the URL, and refuses a text with nothing to search, naming the field', async () => {
    const refused = await search('caseworker', '  !!! ');
    expect(refused.status).toBe(400);
    expect(refused.body.details ?? [{ field: refused.body.field }]).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'query' })]),
    );
    expect(JSON.stringify(refused.body)).not.toContain('!!!');
    expect((await api.as('caseworker').get('/cases/search?query=Rahimova')).status).toBeGreaterThanOrEqual(400);
    expect((await search('caseworker', 'a b c d e f g h i j k')).status).toBe(400);
    expect((await api.as('caseworker').post('/cases/search').send({ query: 'x', extra: 1 })).status).toBe(400);
  });

  it('stores only truncated keyed tokens, each row with the person\'s organisation, under row-level security', async () => {
    const rows = await asSuperuser<{ organisation_id: string; token: Buffer; field: string }>(
      t.db,
      `SELECT t.organisation_id, t.token, t.field FROM person_search_token t JOIN person p ON p.id = t.person_id
       WHERE p.organisation_id <> t.organisation_id`,
    );
    expect(rows).toEqual([]);
    const lengths = await asSuperuser<{ length: number }>(
      t.db,
      `SELECT DISTINCT length(token) AS length FROM person_search_token`,
    );
    expect(lengths).toEqual([{ length: 2 }]); // 15 bits for the default population
    const seen = await asServiceRole<{ n: string }>(t.db, `SELECT count(*) AS n FROM person_search_token`);
    expect(seen[0].n).toBe('0'); // no caller set: no row
  });
});
