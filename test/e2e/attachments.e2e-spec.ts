import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { Response } from 'supertest';
import { Role } from '../../src/core/access/role';
import { AttachmentCipher } from '../../src/core/crypto/attachment-cipher';
import { DataKeyRepository } from '../../src/core/crypto/data-key.repository';
import { DataKey } from '../../src/core/crypto/entities/data-key.entity';
import { Api, signInCast } from '../support/api';
import { chooseDumpMethod, describeDump, dumpDatabase } from '../support/database-dump';
import { elfFixture, jpegFixture, pdfFixture, pngFixture } from '../support/file-fixtures';
import { fieldsNamed, keys } from '../support/response-shape';
import { asOrganisation, asServiceRole, asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';

const DUMP = chooseDumpMethod();
const MARKER = 'PANOH-PDF-MARKER-Мадина-Назарова-7731';
const LIST_FIELDS = [
  'id',
  'caseId',
  'kind',
  'mediaType',
  'sizeBytes',
  'fileName',
  'description',
  'createdAt',
  'createdBy',
];
const OWNER_FIELDS = [...LIST_FIELDS, 'sharedWith'].sort();
const SHARED_FIELDS = [...LIST_FIELDS].sort();
const MAX_BYTES = 512 * 1024;

/** Collects a binary answer as a Buffer. */
const binary = (res: Response, done: (error: Error | null, body: unknown) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

describe('attachments', () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let ngo: string;
  let police: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
    [shelter, ngo, police, other] = await Promise.all([1, 2, 3, 4].map(() => createOrganisation(t)));
    api = await signInCast(t, {
      caseworker: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ngo: [Role.Caseworker, ngo],
      investigator: [Role.Investigator, police],
      other: [Role.Caseworker, other],
      ownInvestigator: [Role.Investigator, shelter],
    });
  });
  /** A request a test left open (it waits for an answer that never came): closed before the app is. */
  let unanswered: http.ClientRequest | undefined;
  afterAll(async () => {
    unanswered?.destroy();
    await t.close();
  });

  const sharedCase = () =>
    api.sharedCase(
      'caseworker',
      { person: { familyName: 'Назарова', givenName: 'Мадина' }, gender: 'Feminine' },
      { referral: [ngo], investigation: [police] },
    );

  const upload = (caseId: string, content: Buffer, name: string, by = 'caseworker', kind = 'identity_document') =>
    api
      .as(by)
      .post(`/cases/${caseId}/attachments`)
      .field('kind', kind)
      .field('description', 'Скан паспорта')
      .attach('file', content, { filename: name, contentType: 'application/octet-stream' });

  const download = (caseId: string, id: string, by = 'caseworker') =>
    api.as(by).get(`/cases/${caseId}/attachments/${id}/content`).buffer(true).parse(binary);

  it('does not take in an upload that carries no credential: the refusal comes before the body is read', async () => {
    const server = t.app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Headers of a large upload and its first bytes only: were the body read first, no answer would come.
    const status = await new Promise<number>((resolve, reject) => {
      const call = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/cases/${randomUUID()}/attachments`,
        headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(MAX_BYTES) },
      });
      unanswered = call;
      call.on('response', (answer) => {
        resolve(answer.statusCode ?? 0);
        call.destroy();
        unanswered = undefined;
      });
      call.on('error', reject);
      call.write('--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7\n');
    });
    expect(status).toBe(401);
  });

  it('round-trips a PDF byte for byte, as an attachment of its detected type, never cached', async () => {
    const caseId = await sharedCase();
    const pdf = pdfFixture(MARKER);
    const created = await upload(caseId, pdf, 'паспорт.jpg'); // the name says JPEG; the content decides
    expect(created.status).toBe(201);
    expect(keys(created.body)).toEqual(OWNER_FIELDS);
    expect(created.body).toMatchObject({
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      fileName: 'паспорт.jpg',
    });
    const got = await download(caseId, created.body.id);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-length']).toBe(String(pdf.length));
    expect(got.headers['content-disposition']).toMatch(
      /^attachment; filename="attachment-[0-9a-f]{8}\.pdf"; filename\*=UTF-8''/,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('no-store');
    const chunks = await asSuperuser<{ n: string }>(
      t.db,
      'SELECT count(*) AS n FROM attachment_chunk WHERE attachment_id = $1',
      [created.body.id],
    );
    expect(Number(chunks[0].n)).toBe(Math.ceil(pdf.length / 65536));
  });

  it('stores a JPEG without its EXIF (GPS), XMP, IPTC, comment and thumbnail, and gives back exactly that', async () => {
    const caseId = await sharedCase();
    const { withMetadata, clean } = jpegFixture();
    expect(withMetadata.includes(Buffer.from('GPS'))).toBe(true);
    const created = await upload(caseId, withMetadata, 'photo.png', 'caseworker', 'photo');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ mediaType: 'image/jpeg', sizeBytes: clean.length });
    const got = await download(caseId, created.body.id);
    expect(got.headers['content-type']).toBe('image/jpeg');
    const body = got.body as Buffer;
    expect(Buffer.compare(body, clean)).toBe(0);
    for (const trace of ['Exif', 'GPS', 'xmpmeta', 'Photoshop', 'bus station', 'PHONE', 'trailing']) {
      expect(body.includes(Buffer.from(trace, 'latin1'))).toBe(false);
    }
  });

  it('stores a PNG without its text, EXIF and time chunks, keeping how it is shown', async () => {
    const caseId = await sharedCase();
    const { withMetadata, clean } = pngFixture();
    const created = await upload(caseId, withMetadata, 'scan.pdf', 'caseworker', 'photo');
    expect(created.status).toBe(201);
    expect(created.body.mediaType).toBe('image/png');
    const got = await download(caseId, created.body.id);
    expect(Buffer.compare(got.body as Buffer, clean)).toBe(0);
  });

  it('refuses a renamed program or script, an unknown type, a broken image and an oversized file, naming file', async () => {
    const caseId = await sharedCase();
    const refusals: Array<[Buffer, string, number]> = [
      [elfFixture(), 'contract.pdf', 415],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'photo.jpg', 415],
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'scan.png', 415],
      [Buffer.from('just some text'), 'notes.pdf', 415],
      [jpegFixture().clean.subarray(0, 40), 'cut.jpg', 422],
      [pdfFixture(MARKER, MAX_BYTES + 1000), 'big.pdf', 413],
    ];
    for (const [content, name, status] of refusals) {
      const refused = await upload(caseId, content, name);
      expect(refused.status).toBe(status);
      expect(fieldsNamed(refused.body)).toEqual(['file']);
      expect(JSON.stringify(refused.body)).not.toContain(name);
    }
    const missing = await api.as('caseworker').post(`/cases/${caseId}/attachments`).field('kind', 'photo');
    expect(missing.status).toBe(400);
    expect(fieldsNamed(missing.body)).toEqual(['file']);
    const badKind = await upload(caseId, pdfFixture(MARKER, 2000), 'a.pdf', 'caseworker', 'passport');
    expect(badKind.status).toBe(400);
    expect(fieldsNamed(badKind.body)).toEqual(['kind']);
    expect((await api.as('caseworker').get(`/cases/${caseId}/attachments`)).body).toEqual([]);
  });

  it('shows a sharing organisation only what the owner shared with it, and law enforcement only what was shared for it', async () => {
    const caseId = await sharedCase();
    const a = (await upload(caseId, pdfFixture(MARKER, 3000), 'consent.pdf', 'caseworker', 'consent_form')).body.id;
    const b = (await upload(caseId, pdfFixture(MARKER, 3000), 'passport.pdf')).body.id;
    const listOf = async (who: string) => (await api.as(who).get(`/cases/${caseId}/attachments`)).body;

    expect(await listOf('ngo')).toEqual([]);
    expect(await listOf('investigator')).toEqual([]);
    expect((await download(caseId, a, 'ngo')).status).toBe(404);
    expect((await download(caseId, b, 'investigator')).status).toBe(404);

    const shared = await api
      .as('caseworker')
      .post(`/cases/${caseId}/attachments/${a}/shares`)
      .send({ organisationId: ngo });
    expect(shared.status).toBe(201);
    expect(shared.body.sharedWith).toEqual([ngo]);
    const forLaw = await api
      .as('manager')
      .post(`/cases/${caseId}/attachments/${b}/shares`)
      .send({ organisationId: police });
    expect(forLaw.status).toBe(201);

    const ngoList = await listOf('ngo');
    expect(ngoList.map((x: { id: string }) => x.id)).toEqual([a]);
    expect(keys(ngoList[0])).toEqual(SHARED_FIELDS);
    expect((await download(caseId, a, 'ngo')).status).toBe(200);
    expect((await download(caseId, b, 'ngo')).status).toBe(404);
    expect((await listOf('investigator')).map((x: { id: string }) => x.id)).toEqual([b]);
    expect((await download(caseId, b, 'investigator')).status).toBe(200);
    expect((await download(caseId, a, 'investigator')).status).toBe(404);

    // Neither may change what it sees; strangers and the owner's own investigator see no case at all.
    expect((await api.as('ngo').delete(`/cases/${caseId}/attachments/${a}`)).status).toBe(403);
    expect((await upload(caseId, pdfFixture(MARKER, 3000), 'x.pdf', 'ngo')).status).toBe(403);
    for (const stranger of ['other', 'ownInvestigator']) {
      expect((await api.as(stranger).get(`/cases/${caseId}/attachments`)).status).toBe(404);
      expect((await download(caseId, a, stranger)).status).toBe(404);
    }
    // Only to an organisation the case is shared with.
    const refused = await api
      .as('caseworker')
      .post(`/cases/${caseId}/attachments/${a}/shares`)
      .send({ organisationId: other });
    expect(refused.status).toBe(422);
    expect(fieldsNamed(refused.body)).toEqual(['organisationId']);

    const unshared = await api.as('caseworker').delete(`/cases/${caseId}/attachments/${a}/shares/${ngo}`);
    expect(unshared.status).toBe(200);
    expect(await listOf('ngo')).toEqual([]);
    expect((await download(caseId, a, 'ngo')).status).toBe(404);
  });

  it('hides from row-level security alone what is not shared: the service role without a caller sees no row', async () => {
    const caseId = await sharedCase();
    await upload(caseId, pdfFixture(MARKER, 3000), 'a.pdf');
    for (const table of ['attachment', 'attachment_chunk', 'attachment_share']) {
      const [none] = await asServiceRole<{ n: string }>(t.db, `SELECT count(*) AS n FROM ${table}`);
      expect(Number(none.n)).toBe(0);
    }
    const chunksOf = (organisationId: string, role: string) =>
      asOrganisation<{ n: string }>(
        t.db,
        organisationId,
        role,
        `SELECT count(*) AS n FROM attachment_chunk c JOIN attachment a ON a.id = c.attachment_id WHERE a.case_id = $1`,
        [caseId],
      );
    expect(Number((await chunksOf(shelter, 'caseworker'))[0].n)).toBeGreaterThan(0);
    expect(Number((await chunksOf(shelter, 'investigator'))[0].n)).toBe(0);
    for (const [organisationId, role] of [
      [ngo, 'caseworker'],
      [police, 'investigator'],
      [other, 'caseworker'],
    ]) {
      expect(Number((await chunksOf(organisationId, role))[0].n)).toBe(0);
    }
  });

  it('answers 409 with nothing of the file when its stored header or name was altered, and cuts a download whose chunk was', async () => {
    const caseId = await sharedCase();
    const id = (await upload(caseId, pdfFixture(MARKER, 140 * 1024), 'a.pdf')).body.id;
    await asSuperuser(
      t.db,
      `UPDATE attachment_chunk SET content = set_byte(content, 40, get_byte(content, 40) # 1) WHERE attachment_id = $1 AND seq = 1`,
      [id],
    );
    const cut = await download(caseId, id).catch((error: Error) => error);
    // The headers went out before chunk 1 was read: the answer ends short of its Content-Length.
    const received = cut instanceof Error ? undefined : (cut.body as Buffer | undefined);
    expect(received instanceof Buffer && received.length >= 140 * 1024).toBe(false);
    await asSuperuser(
      t.db,
      `UPDATE attachment SET file_name = set_byte(file_name, 70, get_byte(file_name, 70) # 1) WHERE id = $1`,
      [id],
    );
    const listed = await api.as('caseworker').get(`/cases/${caseId}/attachments`);
    expect(listed.status).toBe(409);
    expect(listed.body.code).toBe('attachment_integrity_failure');
    expect(JSON.stringify(listed.body)).not.toContain('a.pdf');
  });

  it('deletes an attachment with its chunks and shares (owner only, audited)', async () => {
    const caseId = await sharedCase();
    const id = (await upload(caseId, pdfFixture(MARKER, 3000), 'a.pdf')).body.id;
    await api.as('caseworker').post(`/cases/${caseId}/attachments/${id}/shares`).send({ organisationId: ngo });
    expect((await api.as('manager').delete(`/cases/${caseId}/attachments/${id}`)).status).toBe(204);
    for (const table of ['attachment_chunk', 'attachment_share']) {
      const rows = await asSuperuser<{ n: string }>(
        t.db,
        `SELECT count(*) AS n FROM ${table} WHERE attachment_id = $1`,
        [id],
      );
      expect(Number(rows[0].n)).toBe(0);
    }
    expect((await download(caseId, id)).status).toBe(404);
  });

  it('audits each upload and each download, with ids and codes only', async () => {
    const caseId = await sharedCase();
    const id = (await upload(caseId, pdfFixture(MARKER, 3000), 'секрет.pdf')).body.id;
    await download(caseId, id);
    await download(caseId, id);
    const events = await asSuperuser<{ action: string; outcome: string; detail: unknown; fields: string[] }>(
      t.db,
      `SELECT action, outcome, detail, fields FROM audit_event WHERE $1 = ANY(case_ids) AND action LIKE 'attachment.%' ORDER BY seq`,
      [caseId],
    );
    expect(events.map((e) => e.action)).toEqual(['attachment.added', 'attachment.downloaded', 'attachment.downloaded']);
    expect(events[1].detail).toMatchObject({ attachmentId: id, mediaType: 'application/pdf' });
    expect(JSON.stringify(events)).not.toContain('секрет');
  });

  it(`keeps nothing of the files in clear: ${describeDump(DUMP)}, nor a file on disk`, async () => {
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
    const caseId = await sharedCase();
    const { withMetadata } = jpegFixture();
    expect((await upload(caseId, pdfFixture(MARKER), 'Назарова-паспорт.pdf')).status).toBe(201);
    expect((await upload(caseId, withMetadata, 'Назарова-фото.jpg')).status).toBe(201);
    const dump = await dumpDatabase(DUMP, t.db.superuserUrl);
    expect(dump).toContain('attachment_chunk');
    for (const secret of [MARKER, 'Назарова-паспорт', 'Скан паспорта', 'GPS-40.28N'])
      expect(dump).not.toContain(secret);
    // Nor the JPEG's stored bytes, in the dump's hex or escape forms.
    const clean = jpegFixture().clean.toString('hex');
    expect(dump).not.toContain(clean.slice(0, 64));
    const newFiles = [...walk(os.tmpdir(), tmpBefore), ...walk(t.dataDir)];
    const holding = newFiles.filter((file) => {
      try {
        return fs.readFileSync(file).includes(Buffer.from(MARKER));
      } catch {
        return false;
      }
    });
    expect(holding).toEqual([]);
  });

  it("leaves an erased person's attachments unreadable, with every key left, and deletes them", async () => {
    const caseId = await sharedCase();
    const id = (await upload(caseId, pdfFixture(MARKER, 3000), 'a.pdf')).body.id;
    const [row] = await asSuperuser<{
      content_header: Buffer;
      chunk: Buffer;
      case_key: string;
      person_key: string;
      person_id: string;
    }>(
      t.db,
      `SELECT a.content_header, ch.content AS chunk, c.data_key_id AS case_key, p.data_key_id AS person_key, p.id AS person_id
       FROM attachment a JOIN attachment_chunk ch ON ch.attachment_id = a.id AND ch.seq = 0
       JOIN victim_case c ON c.id = a.case_id JOIN person p ON p.id = c.person_id WHERE a.id = $1`,
      [id],
    );
    expect((await api.as('manager').delete(`/persons/${row.person_id}`)).status).toBe(204);
    expect(await asSuperuser(t.db, 'SELECT 1 FROM data_key WHERE id = $1', [row.person_key])).toEqual([]);
    expect(await asSuperuser(t.db, 'SELECT 1 FROM attachment WHERE id = $1', [id])).toEqual([]);
    expect((await download(caseId, id)).status).toBe(404);
    // What a backup taken before would hold does not open with any data key the database still has,
    // paired with the case key: the person's key is needed and gone.
    const cipher = t.app.get(AttachmentCipher);
    const dataKeys = t.app.get(DataKeyRepository);
    const all = await asSuperuser<{ id: string; version: number; kek_version: number; wrapped_key: Buffer }>(
      t.db,
      'SELECT * FROM data_key',
    );
    const open = (k: (typeof all)[number]) =>
      dataKeys.unwrap(
        Object.assign(new DataKey(), {
          id: k.id,
          version: k.version,
          kekVersion: k.kek_version,
          wrappedKey: k.wrapped_key,
        }),
      );
    const caseKey = open(all.find((k) => k.id === row.case_key) as (typeof all)[number]);
    for (const candidate of all) {
      const key = cipher.keyOf(caseKey, open(candidate));
      expect(() => key.decryptor(id, row.content_header, 1)(0, row.chunk)).toThrow();
    }
  });
});

/** Files under `dir` (not in `skip`, at the top level), recursively; unreadable folders are passed by. */
function walk(dir: string, skip?: Set<string>): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !skip?.has(e.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return walk(full);
      return e.isFile() ? [full] : [];
    });
}
