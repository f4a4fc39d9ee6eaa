import type { Response } from 'supertest';
import { Role } from '../../src/core/access/role';
import { Api, inDays, signInCast } from '../support/api';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';
import { unzipped, wellFormed } from '../support/xlsx';

/** A response body read whole as bytes (supertest leaves unknown types unparsed otherwise). */
const binary = (res: Response, done: (error: Error | null, body: unknown) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

describe("the organisation's own reports and export", () => {
  let t: TestApp;
  let api: Api;
  let shelter: string;
  let partner: string;
  const cases: string[] = [];
  let partnerCase: string;

  beforeAll(async () => {
    t = await startTestApp();
    shelter = await createOrganisation(t);
    partner = await createOrganisation(t);
    api = await signInCast(t, {
      manager: [Role.OrgManager, shelter],
      caseworker: [Role.Caseworker, shelter],
      partnerManager: [Role.OrgManager, partner],
      partnerCaseworker: [Role.Caseworker, partner],
    });
    const caseworker = api.as('caseworker');
    cases.push((await caseworker.openCase({ person: { familyName: 'Рахимова', givenName: 'Мадина' } })).id);
    // A name a spreadsheet would run as a formula, as a hostile entry might be typed.
    cases.push((await caseworker.openCase({ person: { familyName: '=HYPERLINK("http://evil")', givenName: '+Zarina' } })).id);
    const moved = await caseworker.cases.changeStage(cases[0], { to: 'reflection', version: 1, reason: 'In the shelter' });
    expect(moved.status).toBe(200);
    const consentId = await caseworker.consentToReferral(cases[0], partner, ['shelter']);
    await caseworker.refer(cases[0], { toOrganisationId: partner, purpose: 'shelter', consentId, dueAt: inDays(3) });
    // A visit that was due yesterday and not made: the one overdue task of the shelter.
    const late = await caseworker.post(`/cases/${cases[1]}/tasks`).send({ title: 'Visit', dueOn: inDays(-1).slice(0, 10) });
    expect(late.status).toBe(201);
    partnerCase = (await api.as('partnerCaseworker').openCase({ person: { familyName: 'Другая', givenName: 'Персона' } })).id;
  });
  afterAll(() => t.close());

  it("counts the manager's own organisation's caseload exactly, and nothing of another's", async () => {
    const report = await api.as('manager').get('/reports/caseload');
    expect(report.status).toBe(200);
    expect(report.body).toEqual(
      expect.objectContaining({
        cases: 2,
        byStage: [
          { code: 'identified', count: 1 },
          { code: 'reflection', count: 1 },
        ],
        byStatus: [{ code: 'PossibleVictimOfTrafficking', count: 2 }],
        servicesDelivered: [],
        referralsOut: [{ purpose: 'shelter', status: 'pending', count: 1 }],
        referralsIn: [],
        overdueTasks: 1,
      }),
    );
    const theirs = await api.as('partnerManager').get('/reports/caseload');
    expect(theirs.body).toEqual(
      expect.objectContaining({
        cases: 1,
        referralsIn: [{ purpose: 'shelter', status: 'pending', count: 1 }],
        referralsOut: [],
        overdueTasks: 0,
      }),
    );
    const [event] = await asSuperuser<{ outcome: string }>(
      t.db,
      `SELECT outcome FROM audit_event WHERE actor_user_id = $1 AND action = 'report.viewed' ORDER BY seq DESC LIMIT 1`,
      [api.user('manager').id],
    );
    expect(event.outcome).toBe('allowed');
  });

  it('refuses a caseworker every report and export', async () => {
    for (const path of ['/reports/caseload', '/reports/cases.csv', '/reports/cases.xlsx']) {
      expect([path, (await api.as('caseworker').get(path)).status]).toEqual([path, 403]);
    }
  });

  it('exports its own cases as CSV: an attachment, never stored, formulas neutralised, audited as an export', async () => {
    const res = await api.as('manager').get('/reports/cases.csv').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="panoh-cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = (res.body as Buffer).toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^reference,registeredOn,stage,traffickingStatus,/);
    expect(text).toContain('Рахимова');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(",'+Zarina,");
    expect(text).not.toMatch(/(^|,)[=+@]/m);
    expect(text).not.toContain('Другая');
    const [event] = await asSuperuser<{ outcome: string; case_ids: string[]; detail: Record<string, unknown> }>(
      t.db,
      `SELECT outcome, case_ids, detail FROM audit_event
       WHERE actor_user_id = $1 AND action = 'export.downloaded' ORDER BY seq DESC LIMIT 1`,
      [api.user('manager').id],
    );
    expect(event.outcome).toBe('allowed');
    expect([...event.case_ids].sort()).toEqual([...cases].sort());
    expect(event.case_ids).not.toContain(partnerCase);
    expect(event.detail).toEqual(expect.objectContaining({ export: 'cases', format: 'csv', rows: 2 }));
    expect(JSON.stringify(event)).not.toContain('Рахимова');
  });

  it('exports the same cases as an XLSX workbook that unzips into well-formed parts', async () => {
    const res = await api.as('manager').get('/reports/cases.xlsx').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="panoh-cases-.*\.xlsx"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const parts = unzipped(res.body as Buffer);
    for (const [name, xml] of parts) expect({ name, wellFormed: wellFormed(xml) }).toEqual({ name, wellFormed: true });
    const sheet = parts.get('xl/worksheets/sheet1.xml') as string;
    expect(sheet).toContain('Рахимова');
    expect(sheet).not.toContain('Другая');
    expect(sheet).not.toContain('<f>');
    expect(sheet.match(/<row /g)).toHaveLength(3);
  });

  it('gives the manager the page with the warning and both downloads, audited as the API is', async () => {
    const web = new WebClient(t);
    await web.signIn(api.user('manager'));
    await web.get('/ui/account');
    await web.post('/ui/account/language', { language: 'en', back: '/ui/account' });
    const page = await web.get('/ui/reports');
    expect(page.status).toBe(200);
    expect(page.text).toContain('The file holds personal data');
    expect(page.text).toContain('href="/ui/reports/cases.csv"');
    expect(page.text).toContain('href="/ui/reports/cases.xlsx"');
    expect(page.text).toContain('<h2>Overdue tasks</h2><p>1</p>');
    const csv = await web.get('/ui/reports/cases.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment;/);
    const caseworker = new WebClient(t);
    await caseworker.signIn(api.user('caseworker'));
    expect((await caseworker.get('/ui/reports')).status).toBe(403);
  });
});
