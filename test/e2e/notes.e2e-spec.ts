import { Role } from '../../src/core/access/role';
import { DataKeyRepository } from '../../src/core/crypto/data-key.repository';
import { DataKey } from '../../src/core/crypto/entities/data-key.entity';
import { NoteCipher } from '../../src/core/crypto/note-cipher';
import { Api, signInCast } from '../support/api';
import { chooseDumpMethod, describeDump, dumpDatabase } from '../support/database-dump';
import { fieldsNamed, keys } from '../support/response-shape';
import { asOrganisation, asServiceRole, asSuperuser } from '../support/test-cluster';
import { freezeClock, TestClock } from '../support/test-clock';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';

const DUMP = chooseDumpMethod();
const SECRET = 'Мадина рассказала о долге вербовщику в Москве 4417';
const SHARED_FIELDS = [
  'addenda',
  'authorId',
  'caseId',
  'createdAt',
  'editableUntil',
  'editedAt',
  'id',
  'kind',
  'occurredOn',
  'text',
];
const OWNER_FIELDS = [...SHARED_FIELDS, 'earlierVersions', 'sharedWith'].sort();

describe('case notes', () => {
  let t: TestApp;
  let api: Api;
  let clock: TestClock;
  let shelter: string;
  let ngo: string;
  let police: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_NOTE_EDIT_MINUTES: '15' });
    clock = freezeClock(t);
    [shelter, ngo, police, other] = await Promise.all([1, 2, 3, 4].map(() => createOrganisation(t)));
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      colleague: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ngo: [Role.Caseworker, ngo],
      investigator: [Role.Investigator, police],
      other: [Role.Caseworker, other],
      ownInvestigator: [Role.Investigator, shelter],
    });
  });
  afterAll(async () => {
    clock.restore();
    await t.close();
  });

  const sharedCase = () =>
    api.sharedCase(
      'caseworker',
      { person: { familyName: 'Назарова', givenName: 'Мадина' }, gender: 'Feminine' },
      { referral: [ngo], investigation: [police] },
    );
  const write = (caseId: string, body: Record<string, unknown> = {}, by = 'caseworker') =>
    api
      .as(by)
      .post(`/cases/${caseId}/notes`)
      .send({ kind: 'visit', occurredOn: '2026-03-03', text: SECRET, ...body });
  const listOf = async (caseId: string, who: string) => api.as(who).get(`/cases/${caseId}/notes`);

  it('writes a dated, attributed note that its organisation reads back, audited with ids and codes only', async () => {
    const caseId = await sharedCase();
    const created = await write(caseId);
    expect(created.status).toBe(201);
    expect(keys(created.body)).toEqual(OWNER_FIELDS);
    expect(created.body).toMatchObject({
      caseId,
      kind: 'visit',
      occurredOn: '2026-03-03',
      text: SECRET,
      authorId: api.user('caseworker').id,
      editedAt: null,
      addenda: [],
      sharedWith: [],
      earlierVersions: [],
    });
    const listed = await listOf(caseId, 'manager');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([created.body]);
    const events = await asSuperuser<{ action: string; detail: unknown }>(
      t.db,
      `SELECT action, detail FROM audit_event WHERE $1 = ANY(case_ids) AND action LIKE 'note.%' ORDER BY seq`,
      [caseId],
    );
    expect(events.map((e) => e.action)).toEqual(['note.added', 'note.listed']);
    expect(events[0].detail).toMatchObject({ noteId: created.body.id, kind: 'visit' });
    expect(JSON.stringify(events)).not.toContain('Мадина');
  });

  it('refuses a bad note naming the field, and a note in the future', async () => {
    const caseId = await sharedCase();
    for (const [body, field] of [
      [{ kind: 'gossip' }, 'kind'],
      [{ occurredOn: '2999-01-01' }, 'occurredOn'],
      [{ occurredOn: '3 March' }, 'occurredOn'],
      [{ text: '' }, 'text'],
      [{ text: 'x'.repeat(10001) }, 'text'],
    ] as const) {
      const refused = await write(caseId, body);
      expect(refused.status).toBe(400);
      expect(fieldsNamed(refused.body)).toEqual([field]);
      expect(JSON.stringify(refused.body)).not.toContain(SECRET);
    }
    expect((await listOf(caseId, 'caseworker')).body).toEqual([]);
  });

  it('lets only the author correct a note, only within the window, keeping the earlier version; then only addenda', async () => {
    const caseId = await sharedCase();
    const { id } = (await write(caseId, { text: 'first text' })).body;
    const edit = (by: string, body: Record<string, unknown>) =>
      api.as(by).patch(`/cases/${caseId}/notes/${id}`).send(body);

    const byColleague = await edit('colleague', { text: 'not mine' });
    expect(byColleague.status).toBe(403);
    expect(byColleague.body.code).toBe('note_not_author');
    expect((await edit('caseworker', {})).status).toBe(400);

    clock.advance(14 * 60);
    const corrected = await edit('caseworker', { text: 'second text', kind: 'contact' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ text: 'second text', kind: 'contact', occurredOn: '2026-03-03' });
    expect(corrected.body.editedAt).not.toBeNull();
    expect(corrected.body.earlierVersions).toEqual([
      expect.objectContaining({ revision: 1, kind: 'visit', occurredOn: '2026-03-03', text: 'first text' }),
    ]);

    clock.advance(2 * 60); // 16 minutes after it was written
    const late = await edit('caseworker', { text: 'third text' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('note_edit_window_closed');

    const added = await api.as('colleague').post(`/cases/${caseId}/notes/${id}/addenda`).send({ text: 'later: she called back' });
    expect(added.status).toBe(201);
    expect(added.body.text).toBe('second text');
    expect(added.body.addenda).toEqual([
      expect.objectContaining({ text: 'later: she called back', authorId: api.user('colleague').id }),
    ]);
    // Nothing of the refused change reached the database.
    const [row] = await asSuperuser<{ revision: number; n: string }>(
      t.db,
      `SELECT revision, (SELECT count(*) FROM case_note_revision WHERE note_id = $1) AS n FROM case_note WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ revision: 2, n: '1' });
  });

  it('shows a referral organisation only the notes shared with it, never law enforcement, and nothing to strangers', async () => {
    const caseId = await sharedCase();
    const a = (await write(caseId, { text: 'for the ngo' })).body.id;
    const b = (await write(caseId, { text: 'kept in the shelter' })).body.id;
    expect((await listOf(caseId, 'ngo')).body).toEqual([]);

    const shared = await api.as('caseworker').post(`/cases/${caseId}/notes/${a}/shares`).send({ organisationId: ngo });
    expect(shared.status).toBe(201);
    expect(shared.body.sharedWith).toEqual([ngo]);
    const seen = await listOf(caseId, 'ngo');
    expect(seen.body.map((n: { id: string }) => n.id)).toEqual([a]);
    expect(keys(seen.body[0])).toEqual(SHARED_FIELDS);
    expect(JSON.stringify(seen.body)).not.toContain('kept in the shelter');

    // Never for law enforcement: not shareable with it, and the investigation view holds no note.
    const toPolice = await api.as('caseworker').post(`/cases/${caseId}/notes/${b}/shares`).send({ organisationId: police });
    expect(toPolice.status).toBe(422);
    expect(fieldsNamed(toPolice.body)).toEqual(['organisationId']);
    const investigator = await listOf(caseId, 'investigator');
    expect(investigator.status).toBe(403);
    expect(JSON.stringify(investigator.body)).not.toContain('ngo');

    // A sharing organisation changes nothing; strangers and the owner's own investigator see no case.
    expect((await write(caseId, {}, 'ngo')).status).toBe(403);
    expect((await api.as('ngo').post(`/cases/${caseId}/notes/${a}/addenda`).send({ text: 'x' })).status).toBe(403);
    for (const stranger of ['other', 'ownInvestigator']) expect((await listOf(caseId, stranger)).status).toBe(404);

    const unshared = await api.as('caseworker').delete(`/cases/${caseId}/notes/${a}/shares/${ngo}`);
    expect(unshared.status).toBe(200);
    expect((await listOf(caseId, 'ngo')).body).toEqual([]);
  });

  it('hides notes by row-level security alone: no caller, another organisation, law enforcement', async () => {
    const caseId = await sharedCase();
    const id = (await write(caseId)).body.id;
    await api.as('caseworker').post(`/cases/${caseId}/notes/${id}/addenda`).send({ text: 'more' });
    await api.as('caseworker').post(`/cases/${caseId}/notes/${id}/shares`).send({ organisationId: ngo });
    await asSuperuser(
      t.db,
      `INSERT INTO case_note_share (note_id, case_id, owner_organisation_id, organisation_id, shared_by)
       SELECT id, case_id, owner_organisation_id, $2, author_id FROM case_note WHERE id = $1`,
      [id, police],
    );
    for (const table of ['case_note', 'case_note_addendum', 'case_note_share']) {
      const [none] = await asServiceRole<{ n: string }>(t.db, `SELECT count(*) AS n FROM ${table}`);
      expect(Number(none.n)).toBe(0);
    }
    const count = async (organisationId: string, role: string, table: string) =>
      Number(
        (
          await asOrganisation<{ n: string }>(t.db, organisationId, role, `SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [
            caseId,
          ])
        )[0].n,
      );
    expect(await count(shelter, 'caseworker', 'case_note')).toBe(1);
    expect(await count(ngo, 'caseworker', 'case_note')).toBe(1);
    expect(await count(ngo, 'caseworker', 'case_note_addendum')).toBe(1);
    expect(await count(ngo, 'caseworker', 'case_note_revision')).toBe(0);
    // Even a share row written by hand shows law enforcement nothing.
    expect(await count(police, 'investigator', 'case_note')).toBe(0);
    expect(await count(police, 'investigator', 'case_note_addendum')).toBe(0);
    expect(await count(shelter, 'investigator', 'case_note')).toBe(0);
    expect(await count(other, 'caseworker', 'case_note')).toBe(0);
  });

  it('answers 409 with nothing of the note when its ciphertext was altered or moved', async () => {
    const caseId = await sharedCase();
    const a = (await write(caseId, { text: 'note a' })).body.id;
    const b = (await write(caseId, { text: 'note b' })).body.id;
    await asSuperuser(t.db, `UPDATE case_note SET text = (SELECT text FROM case_note WHERE id = $2) WHERE id = $1`, [a, b]);
    const listed = await listOf(caseId, 'caseworker');
    expect(listed.status).toBe(409);
    expect(listed.body.code).toBe('note_integrity_failure');
    expect(JSON.stringify(listed.body)).not.toContain('note b');
  });

  it(`keeps nothing of a note in clear: ${describeDump(DUMP)}`, async () => {
    const caseId = await sharedCase();
    const { id } = (await write(caseId)).body;
    await api.as('caseworker').patch(`/cases/${caseId}/notes/${id}`).send({ text: `${SECRET} (исправлено)` });
    await api.as('caseworker').post(`/cases/${caseId}/notes/${id}/addenda`).send({ text: 'Дополнение: долг 4417' });
    const dump = await dumpDatabase(DUMP, t.db.superuserUrl);
    expect(dump).toContain('case_note_revision');
    for (const secret of ['долге вербовщику', 'исправлено', 'Дополнение']) expect(dump).not.toContain(secret);
  });

  it("leaves an erased person's notes unreadable, with every key left, and deletes them", async () => {
    const caseId = await sharedCase();
    const id = (await write(caseId)).body.id;
    const [row] = await asSuperuser<{ text: Buffer; case_key: string; person_key: string; person_id: string }>(
      t.db,
      `SELECT n.text, c.data_key_id AS case_key, p.data_key_id AS person_key, p.id AS person_id
       FROM case_note n JOIN victim_case c ON c.id = n.case_id JOIN person p ON p.id = c.person_id WHERE n.id = $1`,
      [id],
    );
    const cipher = t.app.get(NoteCipher);
    const dataKeys = t.app.get(DataKeyRepository);
    const keysNow = () =>
      asSuperuser<{ id: string; version: number; kek_version: number; wrapped_key: Buffer }>(t.db, 'SELECT * FROM data_key');
    const open = (k: { id: string; version: number; kek_version: number; wrapped_key: Buffer }) =>
      dataKeys.unwrap(
        Object.assign(new DataKey(), { id: k.id, version: k.version, kekVersion: k.kek_version, wrappedKey: k.wrapped_key }),
      );
    const location = { table: 'case_note', column: 'text', rowId: id };
    // Before: the case key with the person key opens it (the test can fail).
    const before = await keysNow();
    const caseKey = open(before.find((k) => k.id === row.case_key) as (typeof before)[number]);
    const personKey = open(before.find((k) => k.id === row.person_key) as (typeof before)[number]);
    expect(cipher.keyOf(caseKey, personKey).open(location, row.text)).toBe(SECRET);

    expect((await api.as('manager').delete(`/persons/${row.person_id}`)).status).toBe(204);
    expect(await asSuperuser(t.db, 'SELECT 1 FROM data_key WHERE id = $1', [row.person_key])).toEqual([]);
    expect(await asSuperuser(t.db, 'SELECT 1 FROM case_note WHERE case_id = $1', [caseId])).toEqual([]);
    const after = await listOf(caseId, 'caseworker');
    expect(JSON.stringify(after.body)).not.toContain(SECRET);
    // What a backup taken before would hold opens with no data key the database still has.
    for (const candidate of await keysNow()) {
      expect(() => cipher.keyOf(caseKey, open(candidate)).open(location, row.text)).toThrow();
    }
    // And the case takes no new note.
    expect((await write(caseId)).status).toBe(409);
  });
});
