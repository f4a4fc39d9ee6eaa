import type { Response } from 'supertest';
import { Role } from '../../src/core/access/role';
import { escapeHtml } from '../../src/core/web/jsx';
import { attachmentMessages } from '../../src/modules/attachments/pages/attachments.messages';
import { Api, signInCast } from '../support/api';
import { elfFixture, jpegFixture, pdfFixture } from '../support/file-fixtures';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const tg = attachmentMessages.in('tg');
const shown = (text: string) => escapeHtml(text);

const binary = (res: Response, done: (error: Error | null, body: unknown) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

describe('the web interface: attachments of a case', () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let ngo: string;
  const web: Record<string, WebClient> = {};

  beforeAll(async () => {
    t = await startTestApp();
    [shelter, ngo] = await Promise.all([createOrganisation(t), createOrganisation(t)]);
    api = await signInCast(t, { worker: [Role.Caseworker, shelter], other: [Role.Caseworker, ngo] });
    for (const name of ['worker', 'other']) {
      web[name] = new WebClient(t);
      await web[name].signIn(api.user(name));
    }
  });
  afterAll(() => t.close());

  const sharedCase = () =>
    api.sharedCase('worker', { person: { familyName: 'Рахимова', givenName: 'Зарина' } }, { referral: [ngo] });

  const download = (client: WebClient, path: string) =>
    t.http().get(path).set('Cookie', client.cookieHeader).redirects(0).buffer(true).parse(binary);

  it('links the case page to its attachments, uploads with the form token, lists and downloads the file', async () => {
    const id = await sharedCase();
    const casePage = await web.worker.get(`/ui/cases/${id}`);
    expect(casePage.text).toContain(`href="/ui/cases/${id}/attachments"`);
    const page = await web.worker.get(`/ui/cases/${id}/attachments`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain(shown(tg('none_yet')));

    const { withMetadata, clean } = jpegFixture();
    const sent = await web.worker.postFile(
      `/ui/cases/${id}/attachments`,
      { kind: 'photo', description: 'Сурати шиносномаи Зарина' },
      { content: withMetadata, name: 'шиносномаи Зарина.jpg', type: 'image/jpeg' },
    );
    expect(sent.status).toBe(303);
    const listed = await web.worker.follow();
    expect(listed.text).toContain(shown(tg('added')));
    expect(listed.text).toContain(shown('шиносномаи Зарина.jpg'));
    const link = /href="(\/ui\/cases\/[0-9a-f-]+\/attachments\/([0-9a-f-]+)\/content)"/.exec(listed.text);
    expect(link).not.toBeNull();
    // The URL holds ids only.
    expect(link?.[1]).toMatch(/^\/ui\/cases\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}\/content$/);
    const got = await download(web.worker, link?.[1] as string);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(got.body as Buffer, clean)).toBe(0);

    const events = await asSuperuser<{ action: string }>(
      t.db,
      `SELECT action FROM audit_event WHERE $1 = ANY(case_ids) AND action LIKE 'attachment.%' ORDER BY seq`,
      [id],
    );
    expect(events.map((e) => e.action)).toEqual(['attachment.listed', 'attachment.added', 'attachment.listed', 'attachment.downloaded']);
  });

  it('refuses a form without its token, and a renamed program in the person’s words beside the file field', async () => {
    const id = await sharedCase();
    await web.worker.get(`/ui/cases/${id}/attachments`);
    const noToken = await web.worker.postFile(
      `/ui/cases/${id}/attachments`,
      { kind: 'other' },
      { content: pdfFixture('x', 2000), name: 'a.pdf' },
      false,
    );
    expect(noToken.status).toBe(403);
    await web.worker.get(`/ui/cases/${id}/attachments`);
    const refused = await web.worker.postFile(`/ui/cases/${id}/attachments`, { kind: 'legal' }, { content: elfFixture(), name: 'шартнома.pdf' });
    expect(refused.status).toBe(415);
    expect(refused.text).toContain(shown(tg('file_wrong_type')));
    expect(refused.text).not.toContain('шартнома');
    const rows = await asSuperuser(t.db, 'SELECT 1 FROM attachment WHERE case_id = $1', [id]);
    expect(rows).toEqual([]);
  });

  it('shares a file with an organisation the case is shared with, which then sees only it', async () => {
    const id = await sharedCase();
    await web.worker.get(`/ui/cases/${id}/attachments`);
    await web.worker.postFile(`/ui/cases/${id}/attachments`, { kind: 'consent_form' }, { content: pdfFixture('a', 2000), name: 'розинома.pdf' });
    await web.worker.get(`/ui/cases/${id}/attachments`);
    await web.worker.postFile(`/ui/cases/${id}/attachments`, { kind: 'legal' }, { content: pdfFixture('b', 2000), name: 'хулоса.pdf' });
    const before = await web.other.get(`/ui/cases/${id}/attachments`);
    expect(before.status).toBe(200);
    expect(before.text).toContain(shown(tg('none_shared')));
    expect(before.text).not.toContain('enctype="multipart/form-data"');

    const page = await web.worker.get(`/ui/cases/${id}/attachments`);
    const shareAction = /action="(\/ui\/cases\/[0-9a-f-]+\/attachments\/[0-9a-f-]+\/share)"/.exec(page.text)?.[1] as string;
    expect((await web.worker.post(shareAction, { organisationId: ngo })).status).toBe(303);
    const after = await web.other.get(`/ui/cases/${id}/attachments`);
    expect(after.text).toContain(shown('розинома.pdf'));
    expect(after.text).not.toContain(shown('хулоса.pdf'));
  });
});
