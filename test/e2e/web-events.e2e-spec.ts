import { Role } from '../../src/core/access/role';
import { escapeHtml } from '../../src/core/web/jsx';
import { eventMessages } from '../../src/modules/cases/events';
import { Api, signInCast } from '../support/api';
import { NEW_CASE } from '../support/case-fixtures';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const tg = eventMessages.in('tg');
const ru = eventMessages.in('ru');
const shown = (text: string) => escapeHtml(text);
const EVENT_LINK = /href="\/ui\/cases\/[0-9a-f-]+\/events\/([0-9a-f-]{36})"/g;

describe('the web interface: trafficking events of a case', () => {
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

  const sharedCase = () => api.sharedCase('worker', NEW_CASE, { referral: [ngo] });
  const eventIds = (html: string) => [...html.matchAll(EVENT_LINK)].map((m) => m[1]);

  it('adds an event from the case page, corrects it, removes it with a reason and shows its history', async () => {
    const id = await sharedCase();
    const casePage = await web.worker.get(`/ui/cases/${id}`);
    expect(casePage.text).toContain(`href="/ui/cases/${id}/events"`);
    const list = await web.worker.get(`/ui/cases/${id}/events`);
    expect(list.status).toBe(200);
    expect(eventIds(list.text)).toHaveLength(2);

    const added = await web.worker.post(`/ui/cases/${id}/events`, {
      type: 'Transit',
      occurredOn: '2024-04',
      country: 'KAZ',
      city: 'Шымкент',
    });
    expect(added.status).toBe(303);
    const after = await web.worker.follow();
    expect(after.text).toContain(shown(tg('added')));
    expect(after.text).toContain('Шымкент');
    const [newId] = eventIds(after.text).filter((e) => !eventIds(list.text).includes(e));
    expect(newId).toBeDefined();

    const eventPage = await web.worker.get(`/ui/cases/${id}/events/${newId}`);
    expect(eventPage.status).toBe(200);
    expect(eventPage.text).toContain(shown(tg('correct_title')));
    const corrected = await web.worker.post(`/ui/cases/${id}/events/${newId}`, {
      version: '1',
      type: 'Transit',
      occurredOn: '2024-04-02',
      country: 'KAZ',
      city: 'Тараз',
      reason: 'Ошибка в городе',
    });
    expect(corrected.status).toBe(303);
    const history = await web.worker.follow();
    expect(history.text).toContain(shown(tg('corrected')));
    expect(history.text).toContain('Тараз');
    expect(history.text).toContain('Ошибка в городе');

    // The form read at version 1 is stale now: 409, the event as it is, and nothing changed.
    const stale = await web.worker.post(`/ui/cases/${id}/events/${newId}/remove`, {
      version: '1',
      removalReason: 'дубликат',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(shown(tg('stale')));

    const noReason = await web.worker.post(`/ui/cases/${id}/events/${newId}/remove`, { version: '2' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('f-removalReason-error');

    const removed = await web.worker.post(`/ui/cases/${id}/events/${newId}/remove`, {
      version: '2',
      removalReason: 'Записано дважды',
    });
    expect(removed.status).toBe(303);
    const listAfter = await web.worker.follow();
    expect(listAfter.text).toContain(shown(tg('removed')));
    expect(eventIds(listAfter.text)).not.toContain(newId);
    const kept = await web.worker.get(`/ui/cases/${id}/events/${newId}`);
    expect(kept.text).toContain(shown(tg('removed_note')));
    expect(kept.text).toContain('Записано дважды');
    expect((await web.worker.get(`/ui/cases/${id}`)).text).not.toContain('Тараз');
  });

  it('names a bad field in the form, in the person language, and refuses a sharing organisation', async () => {
    const id = await sharedCase();
    await web.worker.get(`/ui/cases/${id}/events`);
    const bad = await web.worker.post(`/ui/cases/${id}/events`, { type: 'Transit', occurredOn: '2024-13-40' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('f-occurredOn-error');
    expect(bad.text).not.toContain(shown(ru('add_title')));

    const other = await web.other.get(`/ui/cases/${id}/events`);
    expect(other.status).toBe(403);
    const shared = await web.other.get(`/ui/cases/${id}`);
    expect(shared.text).not.toContain(`href="/ui/cases/${id}/events"`);
  });
});
