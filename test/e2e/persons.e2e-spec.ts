import { Role } from '../../src/core/access/role';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';

const ZARINA = {
  familyName: 'Каримова',
  givenName: 'Зарина',
  patronymic: 'Ҷӯраевна',
  dateOfBirth: '1998-04-02',
  identityDocuments: [{ type: 'passport', number: 'A 7730411', issuingCountry: 'TJK' }],
  phone: '+992 92 555 0101',
  address: 'Худжанд, кӯчаи Ленин 12',
  notes: 'Arrived from Moscow; afraid of her former employer.',
};

describe('the person record', () => {
  let t: TestApp;
  let caseworker: string;
  let manager: string;
  let otherOrganisation: string;

  beforeAll(async () => {
    t = await startTestApp();
    const organisationId = await createOrganisation(t);
    caseworker = await login(t, await createUser(t, Role.Caseworker, organisationId));
    manager = await login(t, await createUser(t, Role.OrgManager, organisationId));
    otherOrganisation = await login(t, await createUser(t, Role.OrgManager));
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function register(body: object = ZARINA): Promise<string> {
    const response = await t.http().post('/persons').set(as(caseworker)).send(body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  it('registers a person and reads back every field as written', async () => {
    const created = await t.http().post('/persons').set(as(caseworker)).send(ZARINA);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...ZARINA, organisationId: expect.any(String) });
    const read = await t.http().get(`/persons/${created.body.id}`).set(as(manager));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('stores every identifying field as ciphertext, bound to its data key', async () => {
    const id = await register();
    const [row] = await asSuperuser<Record<string, unknown>>(t.db, 'SELECT * FROM person WHERE id = $1', [id]);
    for (const column of [
      'family_name',
      'given_name',
      'patronymic',
      'date_of_birth',
      'identity_documents',
      'phone',
      'address',
      'notes',
    ]) {
      const value = row[column] as Buffer;
      expect(Buffer.isBuffer(value)).toBe(true);
      expect(value[0]).toBe(0x01);
      expect(value.toString('utf8')).not.toContain('Каримова');
    }
    const [key] = await asSuperuser<{ kek_version: number; wrapped_key: Buffer }>(
      t.db,
      'SELECT kek_version, wrapped_key FROM data_key WHERE id = $1',
      [row.data_key_id],
    );
    expect(key.kek_version).toBe(1);
    expect(key.wrapped_key.length).toBe(40);
  });

  it('changes, clears and keeps fields with PATCH', async () => {
    const id = await register();
    const response = await t
      .http()
      .patch(`/persons/${id}`)
      .set(as(caseworker))
      .send({ givenName: 'Zarina', phone: null, notes: 'Moved to the shelter in Dushanbe.' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      familyName: ZARINA.familyName,
      givenName: 'Zarina',
      phone: null,
      notes: 'Moved to the shelter in Dushanbe.',
      identityDocuments: ZARINA.identityDocuments,
    });
    const read = await t.http().get(`/persons/${id}`).set(as(caseworker));
    expect(read.body).toEqual(response.body);
  });

  it('refuses to clear a name with PATCH, naming the field', async () => {
    const id = await register();
    const response = await t.http().patch(`/persons/${id}`).set(as(caseworker)).send({ familyName: null });
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain('familyName');
  });

  it('answers 400 naming each bad field, without echoing the input', async () => {
    const response = await t
      .http()
      .post('/persons')
      .set(as(caseworker))
      .send({
        familyName: '   ',
        givenName: 'Zarina\u0000',
        dateOfBirth: '1998-02-30',
        identityDocuments: [{ type: 'visa', number: 'SECRET-NUMBER-1' }],
        phone: 'call me maybe',
      });
    expect(response.status).toBe(400);
    const fields = new Set(response.body.details.map((d: { field: string }) => d.field));
    expect(fields).toEqual(new Set(['familyName', 'givenName', 'dateOfBirth', 'identityDocuments[0].type', 'phone']));
    expect(JSON.stringify(response.body)).not.toMatch(/SECRET-NUMBER-1|call me maybe|1998-02-30/);
  });

  it('answers 400 naming a malformed id', async () => {
    const response = await t.http().get('/persons/not-a-uuid').set(as(caseworker));
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
  });

  it("answers another organisation's person exactly like one that does not exist", async () => {
    const id = await register();
    const theirs = await t.http().get(`/persons/${id}`).set(as(otherOrganisation));
    const nobody = await t.http().get('/persons/00000000-0000-4000-8000-000000000000').set(as(otherOrganisation));
    expect(theirs.status).toBe(404);
    expect({ ...theirs.body, requestId: '' }).toEqual({ ...nobody.body, requestId: '' });
    expect((await t.http().patch(`/persons/${id}`).set(as(otherOrganisation)).send({ notes: 'x' })).status).toBe(404);
    expect((await t.http().delete(`/persons/${id}`).set(as(otherOrganisation))).status).toBe(404);
  });

  it('refuses erasure to a caseworker; a manager erases, and then the person answers 410 to its organisation only', async () => {
    const id = await register();
    expect((await t.http().delete(`/persons/${id}`).set(as(caseworker))).status).toBe(403);
    expect((await t.http().delete(`/persons/${id}`).set(as(manager))).status).toBe(204);
    const read = await t.http().get(`/persons/${id}`).set(as(caseworker));
    expect(read.status).toBe(410);
    expect(read.body.message).toBe('This person was erased');
    expect((await t.http().patch(`/persons/${id}`).set(as(caseworker)).send({ notes: 'x' })).status).toBe(410);
    expect((await t.http().delete(`/persons/${id}`).set(as(manager))).status).toBe(410);
    expect((await t.http().get(`/persons/${id}`).set(as(otherOrganisation))).status).toBe(404);
  });

  describe('a tampered ciphertext', () => {
    it('moved to another column answers 409 with a clear error, never a 500 or the data', async () => {
      const id = await register();
      await asSuperuser(t.db, 'UPDATE person SET given_name = family_name WHERE id = $1', [id]);
      const response = await t.http().get(`/persons/${id}`).set(as(caseworker));
      expect(response.status).toBe(409);
      expect(response.body.message).toMatch(/integrity check/);
      expect(JSON.stringify(response.body)).not.toMatch(/Каримова|Зарина/);
    });

    it('moved to another row answers 409', async () => {
      const from = await register();
      const to = await register({ ...ZARINA, familyName: 'Другая' });
      await asSuperuser(t.db, 'UPDATE person SET notes = (SELECT notes FROM person WHERE id = $1) WHERE id = $2', [
        from,
        to,
      ]);
      expect((await t.http().get(`/persons/${to}`).set(as(caseworker))).status).toBe(409);
      expect((await t.http().get(`/persons/${from}`).set(as(caseworker))).status).toBe(200);
    });

    it('with one bit flipped answers 409, for a read and for a change', async () => {
      const id = await register();
      await asSuperuser(
        t.db,
        `UPDATE person SET address = set_byte(address, 70, get_byte(address, 70) # 1) WHERE id = $1`,
        [id],
      );
      expect((await t.http().get(`/persons/${id}`).set(as(caseworker))).status).toBe(409);
      expect((await t.http().patch(`/persons/${id}`).set(as(caseworker)).send({ notes: 'x' })).status).toBe(409);
    });

    it('with its data key re-wrapped wrongly answers 409', async () => {
      const id = await register();
      await asSuperuser(
        t.db,
        `UPDATE data_key SET wrapped_key = set_byte(wrapped_key, 3, get_byte(wrapped_key, 3) # 1)
         WHERE id = (SELECT data_key_id FROM person WHERE id = $1)`,
        [id],
      );
      expect((await t.http().get(`/persons/${id}`).set(as(caseworker))).status).toBe(409);
    });
  });
});
