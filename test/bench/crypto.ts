import { randomBytes } from 'node:crypto';
import { AuthenticatedUser } from '../../src/core/access/authenticated-user';
import { Role } from '../../src/core/access/role';
import { DataKeyRepository } from '../../src/core/crypto/data-key.repository';
import { Envelope } from '../../src/core/crypto/envelope';
import { FieldCipher } from '../../src/core/crypto/field-cipher';
import { KeyRotationService } from '../../src/core/crypto/key-rotation.service';
import { PersonCodec } from '../../src/modules/cases/persons/person-codec';
import { PersonRepository, PersonWithKey } from '../../src/modules/cases/persons/person.repository';
import { asCaller } from '../support/as-caller';
import { PersonsService } from '../../src/modules/cases/persons/persons.service';
import { asSuperuser } from '../support/test-cluster';
import { TestApp } from '../support/test-app';

/**
 * In-process figures of the encryption, from the same run as the HTTP figures: field operations per
 * second, a person read with and without decryption, and the rate of re-wrapping data keys.
 */
export interface CryptoFigures {
  encryptPerSecond: number;
  decryptPerSecond: number;
  readMicros: number;
  readDecryptedMicros: number;
  decryptRecordMicros: number;
  rewrapPerSecond: number;
  rewrapped: number;
}

const LOCATION = { table: 'person', column: 'family_name', rowId: '6c1f0b8e-2f0a-4d7c-9b1e-3a5d7e9f1c2b' };
const VALUE = 'Қодирова-Ҳакимова Ғунчаҷон Ӯктамовна';

function perSecond(seconds: number, operation: () => void): number {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const started = process.hrtime.bigint();
  let count = 0;
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 100; i++) operation();
    count += 100;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function microsPerCall(calls: number, operation: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await operation();
  return Number(process.hrtime.bigint() - started) / 1e3 / calls;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

export async function measureCrypto(t: TestApp, actor: AuthenticatedUser, rounds: number): Promise<CryptoFigures> {
  const cipher = t.app.get(FieldCipher);
  const key = cipher.keyFor(randomBytes(32));
  const box = cipher.encrypt(key, 1, LOCATION, VALUE);
  perSecond(0.3, () => cipher.decrypt(key, 1, LOCATION, box)); // warm-up
  const encryptPerSecond = median(
    Array.from({ length: rounds }, () => perSecond(1, () => cipher.encrypt(key, 1, LOCATION, VALUE))),
  );
  const decryptPerSecond = median(
    Array.from({ length: rounds }, () => perSecond(1, () => cipher.decrypt(key, 1, LOCATION, box))),
  );

  // The same person read through the same query, with and without decrypting its eight fields.
  const persons = t.app.get(PersonsService);
  const repository = t.app.get(PersonRepository);
  // Row-level security shows a person only to its organisation: the reads run as the caller would.
  const { reads, decryptedReads, decryptMicros } = await asCaller(t, actor, async () => {
    const { id } = await persons.create(actor, {
      familyName: 'Қодирова-Ҳакимова',
      givenName: 'Ғунчаҷон',
      patronymic: 'Ӯктамовна',
      dateOfBirth: '1987-11-23',
      identityDocuments: [{ type: 'passport', number: 'ZX9183746', issuingCountry: 'TJK' }],
      phone: '+992 93 771 2468',
      address: 'ш. Истаравшан, кӯчаи Рӯдакӣ 77',
      notes: 'Тайная заметка. '.repeat(20),
    });
    const codec = t.app.get(PersonCodec);
    const dataKeys = t.app.get(DataKeyRepository);
    const plain = () => repository.findWithKey(id);
    const decrypted = async () => {
      const person = (await repository.findWithKey(id)) as PersonWithKey;
      const key = dataKeys.unwrap(person.dataKey);
      codec.open(person, key);
      key.plaintext.fill(0);
    };
    await microsPerCall(300, plain);
    await microsPerCall(300, decrypted);
    const fetched = (await repository.findWithKey(id)) as PersonWithKey;
    const decryptOnly = () => {
      const key = dataKeys.unwrap(fetched.dataKey);
      codec.open(fetched, key);
      key.plaintext.fill(0);
    };
    const decryptMicros = median(Array.from({ length: rounds }, () => 1e6 / perSecond(1, decryptOnly)));
    // Interleaved call by call, so that the noise of a shared machine falls on both alike.
    const reads: number[] = [];
    const decryptedReads: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let plainNanos = 0n;
      let decryptedNanos = 0n;
      for (let i = 0; i < 1000; i++) {
        const t0 = process.hrtime.bigint();
        await plain();
        const t1 = process.hrtime.bigint();
        await decrypted();
        decryptedNanos += process.hrtime.bigint() - t1;
        plainNanos += t1 - t0;
      }
      reads.push(Number(plainNanos) / 1e3 / 1000);
      decryptedReads.push(Number(decryptedNanos) / 1e3 / 1000);
    }
    return { reads, decryptedReads, decryptMicros };
  });

  // Re-wrapping: data keys wrapped under the active version, then a rotation to a new one.
  const envelope = t.app.get(Envelope);
  const count = 5000;
  const wrapped = Array.from({ length: count }, () => envelope.newDataKey());
  await asSuperuser(
    t.db,
    `INSERT INTO data_key (id, kek_version, wrapped_key) SELECT gen_random_uuid(), $1, unnest($2::bytea[])`,
    [wrapped[0].kekVersion, wrapped.map((k) => k.wrapped)],
  );
  const started = process.hrtime.bigint();
  const result = await t.app.get(KeyRotationService).rotate(500);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  return {
    encryptPerSecond,
    decryptPerSecond,
    readMicros: median(reads),
    readDecryptedMicros: median(decryptedReads),
    decryptRecordMicros: decryptMicros,
    rewrapPerSecond: result.rewrapped / seconds,
    rewrapped: result.rewrapped,
  };
}

export function actorFor(user: {
  id: string;
  username: string;
  organisationId: string;
  role: Role;
}): AuthenticatedUser {
  return {
    userId: user.id,
    username: user.username,
    organisationId: user.organisationId,
    role: user.role,
    sessionId: '',
    mfaEnrolled: false,
    secondFactor: false,
    passwordChangeRequired: false,
  };
}
