import { Role } from '../../src/core/access/role';
import { BlindIndex, BlindIndexName } from '../../src/core/crypto/blind-index/blind-index';
import { normaliseName } from '../../src/core/crypto/blind-index/normalise';
import { PersonRepository } from '../../src/modules/cases/persons/person.repository';
import { blindIndexEntries } from '../../src/modules/cases/persons/person-matching';
import { asSuperuser } from '../support/test-cluster';
import { asCaller } from '../support/as-caller';
import { createOrganisation, createUser, login, startTestApp, TestApp, TestUser } from '../support/test-app';

const CHECKS_PER_WINDOW = 12;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the duplicate check across organisations', () => {
  let t: TestApp;
  let khujand: string;
  let dushanbe: string;
  let dushanbeUser: TestUser;
  let zarinaId: string;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_DUPLICATE_CHECKS_PER_WINDOW: String(CHECKS_PER_WINDOW) });
    khujand = await login(t, await createUser(t, Role.Caseworker, await createOrganisation(t)));
    dushanbeUser = await createUser(t, Role.Caseworker, await createOrganisation(t));
    dushanbe = await login(t, dushanbeUser);
    const created = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${khujand}`)
      .send({
        familyName: 'Каримова',
        givenName: 'Зарина',
        dateOfBirth: '1998-04-02',
        identityDocuments: [{ type: 'passport', number: 'А 7730411' }], // Cyrillic А
        address: 'Худжанд',
      });
    zarinaId = created.body.id;
  });
  afterAll(() => t.close());

  const check = (token: string, body: object) =>
    t.http().post('/persons/duplicates/check').set('Authorization', `Bearer ${token}`).send(body);

  it('finds a Latin spelling against a Cyrillic record of another organisation, and reveals nothing of it', async () => {
    const response = await check(dushanbe, { familyName: 'Karimova', givenName: 'Zarina', dateOfBirth: '1998' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      outcome: 'other_organisation',
      possibleMatchElsewhere: true,
      message: 'Possible match held by another organisation — contact the NRM coordinator',
    });
    const headers = { ...response.headers, 'x-request-id': undefined };
    const text = JSON.stringify(response.body) + JSON.stringify(headers);
    expect(text).not.toMatch(UUID); // neither the person's id nor its organisation's
    expect(text).not.toContain(zarinaId);
    expect(text).not.toMatch(/Каримова|Зарина|7730411|Худжанд|1998-04-02/);
  });

  it('finds the same person by document number, or with the names swapped', async () => {
    expect((await check(dushanbe, { documentNumbers: ['a7730411'] })).body.outcome).toBe('other_organisation');
    expect(
      (await check(dushanbe, { familyName: 'ZARINA', givenName: 'karimova', dateOfBirth: '1998-12-31' })).body.outcome,
    ).toBe('other_organisation');
  });

  it("answers the registering organisation with its own person's id", async () => {
    const response = await check(khujand, { familyName: 'Karimova', givenName: 'Zarina', dateOfBirth: '1998' });
    expect(response.body).toEqual({
      outcome: 'own_organisation',
      personIds: [zarinaId],
      possibleMatchElsewhere: false,
      message: 'Already registered by your organisation',
    });
  });

  it('answers no match for another birth year or another name', async () => {
    expect((await check(dushanbe, { familyName: 'Karimova', givenName: 'Zarina', dateOfBirth: '1999' })).body).toEqual({
      outcome: 'no_match',
      possibleMatchElsewhere: false,
      message: 'No match found',
    });
    expect((await check(dushanbe, { documentNumbers: ['A7730412'] })).body.outcome).toBe('no_match');
  });

  it('drops blind-index hits that decrypt to someone else (false positives by design)', async () => {
    // Find a different given name whose 15-bit name index value is Zarina's.
    const index = t.app.get(BlindIndex);
    const target = index.compute(BlindIndexName.NameBirthYear, 'karimova|zarina|1998');
    let other = '';
    for (let i = 0; !other; i++) {
      const given = `nodira${i}`;
      if (index.compute(BlindIndexName.NameBirthYear, `karimova|${given}|1998`).equals(target)) other = given;
    }
    const searched = { familyName: 'Karimova', givenName: other, dateOfBirth: '1998', documentNumbers: [] };
    const candidates = await asCaller(t, dushanbeUser, () =>
      t.app.get(PersonRepository).findCandidates(blindIndexEntries(index, searched, { bothNameOrders: true }), 100),
    );
    expect(candidates.map((c) => c.id)).toContain(zarinaId);
    expect(normaliseName(other)).not.toBe('zarina');

    const response = await check(dushanbe, { familyName: 'Karimova', givenName: other, dateOfBirth: '1998' });
    expect(response.body.outcome).toBe('no_match');
  });

  it('answers 400 when there is nothing to compare, naming the body or the field', async () => {
    const empty = await check(dushanbe, { familyName: 'Karimova' });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([{ field: 'body', problem: expect.any(String) }]);
    const wrong = await check(dushanbe, { documentNumbers: 'A7730411' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.map((d: { field: string }) => d.field)).toContain('documentNumbers');
  });

  it('limits the checks of each user per window, answering 429 with Retry-After', async () => {
    const user = await login(t, await createUser(t, Role.Caseworker, await createOrganisation(t)));
    for (let i = 0; i < CHECKS_PER_WINDOW; i++) {
      expect((await check(user, { documentNumbers: [`X${i}`] })).status).toBe(200);
    }
    const refused = await check(user, { documentNumbers: ['X'] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await check(khujand, { documentNumbers: ['X'] })).status).toBe(200); // others are not affected
  });

  it('no longer finds an erased person, whose blind indexes are gone', async () => {
    const manager = await login(t, await createUser(t, Role.OrgManager, await createOrganisation(t)));
    const created = await t
      .http()
      .post('/persons')
      .set('Authorization', `Bearer ${manager}`)
      .send({
        familyName: 'Юсупова',
        givenName: 'Мадина',
        dateOfBirth: '2002',
        identityDocuments: [{ type: 'national_id', number: '55501' }],
      });
    const probe = { familyName: 'Yusupova', givenName: 'Madina', dateOfBirth: '2002' };
    expect((await check(dushanbe, probe)).body.outcome).toBe('other_organisation');
    expect(
      (await t.http().delete(`/persons/${created.body.id}`).set('Authorization', `Bearer ${manager}`)).status,
    ).toBe(204);
    expect((await check(dushanbe, probe)).body.outcome).toBe('no_match');
    expect((await check(dushanbe, { documentNumbers: ['55501'] })).body.outcome).toBe('no_match');
    const rows = await asSuperuser(t.db, 'SELECT 1 FROM person_blind_index WHERE person_id = $1', [created.body.id]);
    expect(rows).toEqual([]);
  });
});
