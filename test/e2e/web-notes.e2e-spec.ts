import { Role } from '../../src/core/access/role';
import { escapeHtml } from '../../src/core/web/jsx';
import { noteMessages } from '../../src/modules/notes/pages/notes.messages';
import { Api, signInCast } from '../support/api';
import { asSuperuser } from '../support/test-cluster';
import { freezeClock, TestClock } from '../support/test-clock';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const tg = noteMessages.in('tg');
const shown = (text: string) => escapeHtml(text);
const TEXT = 'Зарина гуфт, ки қарзашро ба воситачӣ пардохт кардааст';

describe('the web interface: notes of a case', () => {
  let t: TestApp;
  let api: Api;
  let clock: TestClock;
  let shelter: string;
  let ngo: string;
  let police: string;
  const web: Record<string, WebClient> = {};

  beforeAll(async () => {
    t = await startTestApp();
    clock = freezeClock(t);
    [shelter, ngo, police] = await Promise.all([createOrganisation(t), createOrganisation(t), createOrganisation(t)]);
    api = await signInCast(t, {
      worker: [Role.Caseworker, shelter],
      colleague: [Role.Caseworker, shelter],
      other: [Role.Caseworker, ngo],
      investigator: [Role.Investigator, police],
    });
    for (const name of ['worker', 'colleague', 'other', 'investigator']) {
      web[name] = new WebClient(t);
      await web[name].signIn(api.user(name));
    }
  });
  afterAll(async () => {
    clock.restore();
    await t.close();
  });

  const sharedCase = () =>
    api.sharedCase(
      'worker',
      { person: { familyName: 'Рахимова', givenName: 'Зарина' } },
      { referral: [ngo], investigation: [police] },
    );
  const write = async (id: string, fields: Record<string, string>) => {
    await web.worker.get(`/ui/cases/${id}/notes`);
    return web.worker.post(`/ui/cases/${id}/notes`, fields);
  };

  it('links the case page to its notes, writes one with the form token, and lists it', async () => {
    const id = await sharedCase();
    expect((await web.worker.get(`/ui/cases/${id}`)).text).toContain(`href="/ui/cases/${id}/notes"`);
    const page = await web.worker.get(`/ui/cases/${id}/notes`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(shown(tg('none_yet')));
    expect((await web.worker.post(`/ui/cases/${id}/notes`, { kind: 'visit', occurredOn: '2026-03-03', text: TEXT }, false)).status).toBe(403);
    const sent = await write(id, { kind: 'visit', occurredOn: '2026-03-03', text: TEXT });
    expect(sent.status).toBe(303);
    const listed = await web.worker.follow();
    expect(listed.text).toContain(shown(tg('added')));
    expect(listed.text).toContain(shown(TEXT));
    expect(listed.text).toContain('/edit"');
    // A colleague reads it but is offered no correction, only an addendum.
    const colleague = await web.colleague.get(`/ui/cases/${id}/notes`);
    expect(colleague.text).toContain(shown(TEXT));
    expect(colleague.text).not.toContain('/edit"');
    expect(colleague.text).toContain('/addenda"');
  });

  it('refuses a bad note in the person’s words beside its field, echoing nothing, writing nothing', async () => {
    const id = await sharedCase();
    const refused = await write(id, { kind: 'visit', occurredOn: '2999-01-01', text: TEXT });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('f-occurredOn-error');
    expect(await asSuperuser(t.db, 'SELECT 1 FROM case_note WHERE case_id = $1', [id])).toEqual([]);
  });

  it('corrects within the window, then offers only an addendum and says why a late correction is refused', async () => {
    const id = await sharedCase();
    await write(id, { kind: 'contact', occurredOn: '2026-03-03', text: 'first' });
    const page = await web.worker.get(`/ui/cases/${id}/notes`);
    const edit = /action="(\/ui\/cases\/[0-9a-f-]+\/notes\/[0-9a-f-]+\/edit)"/.exec(page.text)?.[1] as string;
    expect((await web.worker.post(edit, { kind: 'contact', occurredOn: '2026-03-03', text: 'second' })).status).toBe(303);
    const corrected = await web.worker.follow();
    expect(corrected.text).toContain(shown(tg('edited_done')));
    expect(corrected.text).toContain(shown(tg('earlier_versions')));
    clock.advance(16 * 60);
    const later = await web.worker.get(`/ui/cases/${id}/notes`);
    expect(later.text).not.toContain('/edit"');
    const late = await web.worker.post(edit, { kind: 'contact', occurredOn: '2026-03-03', text: 'third' });
    expect(late.status).toBe(409);
    expect(late.text).toContain(shown(tg('window_closed')));
    const addendum = edit.replace(/\/edit$/, '/addenda');
    expect((await web.worker.post(addendum, { text: 'she called back' })).status).toBe(303);
    expect((await web.worker.follow()).text).toContain('she called back');
  });

  it('shares a note with the referral organisation, which then sees only it; the investigator sees no notes', async () => {
    const id = await sharedCase();
    await write(id, { kind: 'counselling', occurredOn: '2026-03-01', text: 'for the ngo' });
    await write(id, { kind: 'other', occurredOn: '2026-03-03', text: 'kept at home' });
    const before = await web.other.get(`/ui/cases/${id}/notes`);
    expect(before.text).toContain(shown(tg('none_shared')));
    expect(before.text).not.toContain(`action="/ui/cases/${id}/notes"`);

    const page = await web.worker.get(`/ui/cases/${id}/notes`);
    const share = /action="(\/ui\/cases\/[0-9a-f-]+\/notes\/[0-9a-f-]+\/share)"/.exec(page.text)?.[1] as string;
    expect((await web.worker.post(share, { organisationId: ngo })).status).toBe(303);
    const after = await web.other.get(`/ui/cases/${id}/notes`);
    expect(after.text).toContain('for the ngo');
    expect(after.text).not.toContain('kept at home');

    expect((await web.investigator.get(`/ui/cases/${id}`)).text).not.toContain(`/ui/cases/${id}/notes`);
    const investigator = await web.investigator.get(`/ui/cases/${id}/notes`);
    expect(investigator.status).toBe(403);
    expect(investigator.text).not.toContain('for the ngo');
  });
});
