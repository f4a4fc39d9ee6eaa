import { Role } from '../../src/core/access/role';
import { TaskJob } from '../../src/modules/tasks';
import { Api, inDays, signInCast } from '../support/api';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';
import { asOrganisation, asServiceRole, asSuperuser } from '../support/test-cluster';
import { freezeClock, TestClock } from '../support/test-clock';
import { WebClient } from '../support/web-client';

interface Task {
  id: string;
  kind: string;
  subjectId: string | null;
  title: string | null;
  dueOn: string;
  overdue: boolean;
  assigneeUserId: string;
  doneAt: string | null;
  closedReason: string | null;
}

const DAY = 86_400;
const day = (offset: number, from = new Date()) => new Date(from.getTime() + offset * DAY * 1000).toISOString().slice(0, 10);
/** `months` calendar months after day `iso`, kept inside the month (31 January + 1 month: the last of February). */
const monthsAfter = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
};

/** Tasks: generated from the case as it moves, added by hand, "my work", the overdue, the daily job. */
describe('tasks', () => {
  let t: TestApp;
  let api: Api;
  let clock: TestClock;
  let shelter: string;
  let ngo: string;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_TASK_JOB_INTERVAL_SECONDS: '0' });
    clock = freezeClock(t);
    [shelter, ngo] = [await createOrganisation(t), await createOrganisation(t)];
    api = await signInCast(t, {
      worker: [Role.Caseworker, shelter],
      colleague: [Role.Caseworker, shelter],
      manager: [Role.OrgManager, shelter],
      ngo: [Role.Caseworker, ngo],
      ngoManager: [Role.OrgManager, ngo],
    });
  });
  afterAll(async () => {
    clock.restore();
    await t.close();
  });

  const tasksOf = async (caseId: string, who = 'worker'): Promise<Task[]> => {
    const res = await api.as(who).get(`/cases/${caseId}/tasks`);
    expect(res.status).toBe(200);
    return res.body as Task[];
  };
  const open = (tasks: Task[]) => tasks.filter((x) => x.doneAt === null).map((x) => `${x.kind} ${x.dueOn}`).sort();
  const closedAs = (tasks: Task[], kind: string) => tasks.filter((x) => x.kind === kind).map((x) => x.closedReason);
  const move = async (caseId: string, who: string, body: Record<string, unknown>) => {
    const res = await api.as(who).cases.changeStage(caseId, {
      version: await api.as('worker').version(caseId),
      ...body,
    } as never);
    expect(res.status).toBe(200);
  };

  it('gives a case walked through its stages the right tasks, and closes each when its condition is met', async () => {
    const today = day(0);
    const { id } = await api.as('worker').openCase({ person: { familyName: 'Рахимова', givenName: 'Мадина' } });
    expect(await tasksOf(id)).toEqual([]);

    // Reflection: its end, and the status decision due then, for the case owner.
    await move(id, 'worker', { to: 'reflection', reason: 'In the shelter since Monday' });
    let tasks = await tasksOf(id);
    expect(open(tasks)).toEqual([`reflection_ending ${day(30)}`, `status_decision ${day(30)}`]);
    expect(tasks.every((x) => x.assigneeUserId === api.user('worker').id)).toBe(true);

    // A referral awaiting its answer, until it is answered.
    const consentId = await api.as('worker').consentToReferral(id, ngo, ['medical']);
    const referral = await api.as('worker').refer(id, { toOrganisationId: ngo, purpose: 'medical', consentId, dueAt: inDays(3) });
    tasks = await tasksOf(id);
    expect(tasks.find((x) => x.kind === 'referral_answer')).toMatchObject({ subjectId: referral.id, doneAt: null });
    await api.as('ngoManager').accept(referral.id);
    expect(closedAs(await tasksOf(id), 'referral_answer')).toEqual(['condition_met']);

    // A planned service's end, until it is delivered.
    const service = await api.as('worker').assistance.plan(id, { type: 'Health', plannedEnd: day(10) });
    expect(service.status).toBe(201);
    expect(open(await tasksOf(id))).toContain(`service_ending ${day(10)}`);
    const delivered = await api.as('worker').assistance.update(id, service.body.id, {
      version: 1,
      status: 'delivered',
      actualStart: today,
      actualEnd: today,
    });
    expect(delivered.status).toBe(200);
    expect(closedAs(await tasksOf(id), 'service_ending')).toEqual(['condition_met']);

    // The status decision made: the reflection tasks close.
    await move(id, 'manager', {
      to: 'status_decided',
      reason: 'Indicators confirmed',
      traffickingStatus: 'ActualVictimOfTrafficking',
      statusDecidedBy: 'NGO',
      decidingOrganisationId: shelter,
      reflectionWaived: true,
    });
    tasks = await tasksOf(id);
    expect(closedAs(tasks, 'reflection_ending')).toEqual(['condition_met']);
    expect(closedAs(tasks, 'status_decision')).toEqual(['condition_met']);
    expect(open(tasks)).toEqual([]);

    // Return delivered: follow-up visits at 1, 3, 6 and 12 months after it.
    await move(id, 'worker', { to: 'assistance', reason: 'Plan agreed' });
    const back = day(-2);
    const returned = await api.as('worker').assistance.plan(id, {
      type: 'Return',
      status: 'delivered',
      actualStart: day(-5),
      actualEnd: back,
    });
    expect(returned.status).toBe(201);
    expect(open(await tasksOf(id))).toEqual([1, 3, 6, 12].map((m) => `follow_up_visit ${monthsAfter(back, m)}`));

    // The job finds nothing more to do: each task exists once.
    const rerun = await t.app.get(TaskJob).run();
    expect(rerun).toMatchObject({ ran: true, created: 0, closed: 0 });
    const rows = await asSuperuser<{ n: string }>(t.db, 'SELECT count(*) AS n FROM task WHERE case_id = $1', [id]);
    expect(Number(rows[0].n)).toBe(8);

    // Closing the case closes what is left.
    await move(id, 'manager', { to: 'closed', reason: 'Reintegrated', closureReason: 'AssistanceCompleted' });
    tasks = await tasksOf(id);
    expect(open(tasks)).toEqual([]);
    expect(closedAs(tasks, 'follow_up_visit')).toEqual(Array(4).fill('condition_met'));
  });

  it('adds a task by hand with its title encrypted, for the case owner unless another is named, and marks it done', async () => {
    const { id } = await api.as('worker').openCase({ person: { familyName: 'Назарова', givenName: 'Ситора' } });
    const title = 'Позвонить Ситоре про паспорт';
    const added = await api.as('worker').post(`/cases/${id}/tasks`).send({ title, dueOn: day(2) });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'manual', title, assigneeUserId: api.user('worker').id, doneAt: null });
    const [row] = await asSuperuser<{ title: Buffer }>(t.db, 'SELECT title FROM task WHERE id = $1', [added.body.id]);
    expect(row.title.toString('utf8')).not.toContain('Ситор');
    const events = await asSuperuser<{ detail: unknown }>(
      t.db,
      `SELECT detail FROM audit_event WHERE $1 = ANY(case_ids) AND action = 'task.added'`,
      [id],
    );
    expect(JSON.stringify(events)).not.toContain('Ситор');

    const forColleague = await api
      .as('worker')
      .post(`/cases/${id}/tasks`)
      .send({ title: 'Visit', dueOn: day(1), assigneeUserId: api.user('colleague').id });
    expect(forColleague.body.assigneeUserId).toBe(api.user('colleague').id);
    const stranger = await api
      .as('worker')
      .post(`/cases/${id}/tasks`)
      .send({ title: 'Visit', dueOn: day(1), assigneeUserId: api.user('ngo').id });
    expect(stranger.status).toBe(422);
    expect(stranger.body.details).toEqual([expect.objectContaining({ field: 'assigneeUserId' })]);
    const bad = await api.as('worker').post(`/cases/${id}/tasks`).send({ title: '', dueOn: 'soon' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain('soon');

    const done = await api.as('worker').patch(`/cases/${id}/tasks/${added.body.id}`).send({ done: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ closedReason: 'done', title });
    const again = await api.as('worker').patch(`/cases/${id}/tasks/${added.body.id}`).send({ done: true });
    expect(again.status).toBe(409);
  });

  it('keeps the tasks to the owning organisation: a sharing organisation 403, any other 404', async () => {
    const caseId = await api.sharedCase('worker', { person: { familyName: 'Каримова', givenName: 'Зарина' } }, { referral: [ngo] });
    expect((await api.as('ngo').get(`/cases/${caseId}/tasks`)).status).toBe(403);
    expect((await api.as('ngo').post(`/cases/${caseId}/tasks`).send({ title: 'x', dueOn: day(1) })).status).toBe(403);
    const other = await createOrganisation(t);
    const outsider = await api.signIn({ outsider: [Role.Caseworker, other] });
    expect((await outsider.as('outsider').get(`/cases/${caseId}/tasks`)).status).toBe(404);
    // The database holds the same line on its own: row-level security on the task table.
    await api.as('worker').post(`/cases/${caseId}/tasks`).send({ title: 'Only ours', dueOn: day(1) });
    const count = (rows: Array<{ n: string }>) => Number(rows[0].n);
    const sql = 'SELECT count(*) AS n FROM task WHERE case_id = $1';
    expect(count(await asOrganisation(t.db, shelter, 'caseworker', sql, [caseId]))).toBeGreaterThan(0);
    expect(count(await asOrganisation(t.db, ngo, 'caseworker', sql, [caseId]))).toBe(0);
    expect(count(await asOrganisation(t.db, shelter, 'investigator', sql, [caseId]))).toBe(0);
    expect(count(await asServiceRole(t.db, sql, [caseId]))).toBe(0);
    // panoh_sync_tasks refuses a caller who asks for another organisation's sync.
    await expect(
      asOrganisation(t.db, ngo, 'caseworker', `SELECT * FROM panoh_sync_tasks($1, current_date, 30)`, [shelter]),
    ).rejects.toThrow(/only its own organisation/);
  });

  it('lists "my work", the overdue tasks for the manager, and notifies an overdue task once', async () => {
    const { id } = await api.as('colleague').openCase({ person: { familyName: 'Юсупова', givenName: 'Нигина' } });
    const added = await api.as('colleague').post(`/cases/${id}/tasks`).send({ title: 'Home visit', dueOn: day(3) });
    const mine = await api.as('colleague').get('/tasks/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: Task) => x.id)).toContain(added.body.id);
    expect((await api.as('worker').get('/tasks/mine')).body.items.map((x: Task) => x.id)).not.toContain(added.body.id);
    expect((await api.as('colleague').get('/tasks/overdue')).status).toBe(403);
    expect((await api.as('manager').get('/tasks/overdue')).body.items.map((x: Task) => x.id)).not.toContain(added.body.id);

    clock.advance(5 * DAY);
    try {
      const job = await t.app.get(TaskJob).run();
      expect(job.ran).toBe(true);
      const overdue = await api.as('manager').get('/tasks/overdue');
      expect(overdue.body.items.find((x: Task) => x.id === added.body.id)).toMatchObject({ overdue: true });
      await t.app.get(TaskJob).run();
      const notes = await asSuperuser<{ n: string }>(
        t.db,
        `SELECT count(*) AS n FROM notification WHERE case_id = $1 AND kind = 'task_overdue'`,
        [id],
      );
      expect(Number(notes[0].n)).toBe(1);
      const listed = await api.as('manager').notifications.list();
      expect(listed.body.items.some((n) => n.kind === 'task_overdue' && n.caseId === id)).toBe(true);
    } finally {
      clock.advance(-5 * DAY);
    }
  });

  it('shows the pages: my work, the overdue, a case\'s tasks with the form to add one and "done"', async () => {
    const { id } = await api.as('worker').openCase({ person: { familyName: 'Рахимова', givenName: 'Гулноза' } });
    const web = new WebClient(t);
    await web.signIn(api.user('worker'));
    const page = await web.get(`/ui/cases/${id}/tasks`);
    expect(page.status).toBe(200);
    const refused = await web.post(`/ui/cases/${id}/tasks`, { title: 'Позвонить', dueOn: 'завтра' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#f-dueOn"');
    const added = await web.post(`/ui/cases/${id}/tasks`, { title: 'Позвонить Гулнозе', dueOn: day(1) });
    expect(added.status).toBe(303);
    const listed = await web.follow();
    expect(listed.text).toContain('Позвонить Гулнозе');
    const mine = await web.get('/ui/tasks');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Позвонить Гулнозе');
    // The "done" of this task's own row: the worker has the tasks of the earlier cases too.
    const form = /Позвонить Гулнозе<\/td>.*?action="(\/ui\/cases\/[0-9a-f-]+\/tasks\/[0-9a-f-]+\/done)"/.exec(mine.text);
    expect(form).not.toBeNull();
    expect((await web.post(form?.[1] as string)).status).toBe(303);
    expect((await web.get('/ui/tasks')).text).not.toContain('Позвонить Гулнозе');
    expect((await web.get('/ui/tasks/overdue')).status).toBe(403);
    const manager = new WebClient(t);
    await manager.signIn(api.user('manager'));
    expect((await manager.get('/ui/tasks/overdue')).status).toBe(200);
  });
});
