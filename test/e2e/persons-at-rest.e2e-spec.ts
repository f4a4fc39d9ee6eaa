import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { normaliseDocumentNumber, normaliseName } from '../../src/core/crypto/blind-index/normalise';
import { IntegrityError } from '../../src/core/crypto/crypto.errors';
import { DataKeyRepository } from '../../src/core/crypto/data-key.repository';
import { DataKey } from '../../src/core/crypto/entities/data-key.entity';
import { FieldCipher } from '../../src/core/crypto/field-cipher';
import { newKeyFile, readKeyFile, writeKeyFile } from '../../src/core/crypto/key-file';
import { KeyPurpose, KeyRing } from '../../src/core/crypto/key-ring';
import { chooseDumpMethod, describeDump, dumpDatabase } from '../support/database-dump';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestApp } from '../support/test-app';

const DUMP = chooseDumpMethod();
const ORGANISATION = 'Shelter Istaravshan at-rest check';

/** Distinctive values in several scripts; none may appear in the database, in any form. */
const PEOPLE = [
  {
    familyName: 'Қодирова-Ҳакимова',
    givenName: 'Ғунчаҷон',
    patronymic: 'Ӯктамовна',
    dateOfBirth: '1987-11-23',
    identityDocuments: [{ type: 'passport', number: 'ZX 918-3746', issuingCountry: 'TJK' }],
    phone: '+992 93 771 2468',
    address: 'ш. Истаравшан, кӯчаи Рӯдакӣ 77',
    notes: 'Тайная заметка о переходе границы в Пянджe',
  },
  {
    familyName: 'Xushnudova',
    givenName: 'Zebuniso',
    dateOfBirth: '2004-07-19',
    identityDocuments: [{ type: 'national_id', number: 'QW55310987' }],
    notes: 'Recruited through a fake job offer in Yekaterinburg',
  },
  { familyName: 'زیبونسا', givenName: 'شهرزاد', notes: 'ملاحظات محرمانه' },
];

function formsOf(value: string): string[] {
  const forms = new Set([value, value.toLowerCase(), value.toUpperCase(), normaliseName(value)]);
  if (/\d/.test(value)) forms.add(normaliseDocumentNumber(value));
  for (const form of [...forms]) forms.add(Buffer.from(form, 'utf8').toString('hex')); // bytea in a dump
  return [...forms].filter((f) => f.length >= 6); // shorter forms occur by chance
}

describe('what the database holds', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-at-rest-'));
  const keyFile = path.join(dir, 'panoh-keys.json');
  let t: TestApp;
  let manager: string;

  beforeAll(async () => {
    writeKeyFile(keyFile, newKeyFile());
    t = await startTestApp({ PANOH_KEY_FILE: keyFile });
    manager = await login(t, await createUser(t, Role.OrgManager, await createOrganisation(t, ORGANISATION)));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`holds none of the values written through the API, in any script: ${describeDump(DUMP)}`, async () => {
    for (const person of PEOPLE) {
      const response = await t.http().post('/persons').set('Authorization', `Bearer ${manager}`).send(person);
      expect(response.status).toBe(201);
    }
    const dump = await dumpDatabase(DUMP, t.db.superuserUrl);
    expect(dump).toContain(ORGANISATION); // the dump does hold the data
    expect(dump).toContain('person_blind_index');
    const values = PEOPLE.flatMap((p) => [
      p.familyName,
      p.givenName,
      p.patronymic ?? '',
      p.dateOfBirth ?? '',
      p.phone ?? '',
      p.address ?? '',
      p.notes,
      ...(p.identityDocuments ?? []).map((d) => d.number),
    ]).filter(Boolean);
    const found = values.flatMap(formsOf).filter((form) => dump.includes(form));
    expect(found).toEqual([]);
  });

  it('leaves an erased person unreadable with every key the service has', async () => {
    const created = await t.http().post('/persons').set('Authorization', `Bearer ${manager}`).send(PEOPLE[0]);
    const id = created.body.id as string;
    // What a backup taken before the erasure would hold.
    const [before] = await asSuperuser<Record<string, Buffer | string>>(t.db, 'SELECT * FROM person WHERE id = $1', [
      id,
    ]);
    const [wrapped] = await asSuperuser<{ id: string; version: number; kek_version: number; wrapped_key: Buffer }>(
      t.db,
      'SELECT * FROM data_key WHERE id = $1',
      [before.data_key_id],
    );
    const cipher = t.app.get(FieldCipher);
    const dataKeys = t.app.get(DataKeyRepository);
    const asEntity = (row: typeof wrapped): DataKey =>
      Object.assign(new DataKey(), {
        id: row.id,
        version: row.version,
        kekVersion: row.kek_version,
        wrappedKey: row.wrapped_key,
      });
    const location = { table: 'person', column: 'family_name', rowId: id };
    const opens = (key: Uint8Array, version: number) => {
      try {
        return cipher.decrypt(cipher.keyFor(key), version, location, before.family_name as Buffer);
      } catch (error) {
        expect(error).toBeInstanceOf(IntegrityError);
        return undefined;
      }
    };
    // Before erasure, the service's own key opens it: the check below can tell.
    expect(opens(dataKeys.unwrap(asEntity(wrapped)).plaintext, 1)).toBe(PEOPLE[0].familyName);

    expect((await t.http().delete(`/persons/${id}`).set('Authorization', `Bearer ${manager}`)).status).toBe(204);
    expect(await asSuperuser(t.db, 'SELECT 1 FROM data_key WHERE id = $1', [before.data_key_id])).toEqual([]);
    expect(await asSuperuser(t.db, 'SELECT 1 FROM person_blind_index WHERE person_id = $1', [id])).toEqual([]);
    const [after] = await asSuperuser<Record<string, unknown>>(t.db, 'SELECT * FROM person WHERE id = $1', [id]);
    expect(after).toMatchObject({ family_name: null, given_name: null, notes: null, data_key_id: null });

    // Every key the service holds: each data key it can unwrap, each KEK and its subkeys, the index key.
    const keys = t.app.get(KeyRing);
    const candidates: Uint8Array[] = [keys.blindIndexKey, keys.auditSigningSeed];
    for (const version of keys.versions) {
      candidates.push(Buffer.from(readKeyFile(keyFile).keks[String(version)], 'base64'));
      for (const purpose of [KeyPurpose.FieldWrap, KeyPurpose.TotpSecret])
        candidates.push(keys.subkey(purpose, version));
    }
    const rows = await asSuperuser<typeof wrapped>(t.db, 'SELECT * FROM data_key');
    expect(rows.length).toBeGreaterThanOrEqual(PEOPLE.length);
    for (const row of rows) candidates.push(dataKeys.unwrap(asEntity(row)).plaintext);
    const opened = candidates.flatMap((key) => [1, 2].map((version) => opens(key, version))).filter(Boolean);
    expect(opened).toEqual([]);
  });
});
