import type { Choice, FormErrors, FormValues } from '../../../core/web/forms';
import { ErrorSummary, SelectField, TextField } from '../../../core/web/forms';
import { Html, jsx } from '../../../core/web/jsx';
import { CsrfField, Layout } from '../../../core/web/layout';
import type { PageContext } from '../../../core/web/page';
import type { TaskView } from '../task-views';
import { taskMessages } from './tasks.messages';

type M = ReturnType<typeof taskMessages.in>;

/** What a task says: its title when added by hand, else what its kind means. */
function whatOf(task: TaskView, m: M): string {
  return task.kind === 'manual' && task.title ? task.title : m(`kind_${task.kind}`);
}

function stateOf(task: TaskView, m: M): string {
  if (task.closedReason === 'done') return m('state_done');
  if (task.closedReason === 'condition_met') return m('state_condition_met');
  return task.overdue ? `${m('state_open')} (${m('overdue')})` : m('state_open');
}

interface TableProps {
  page: PageContext;
  tasks: TaskView[];
  names: ReadonlyMap<string, string>;
  /** Show the case column (lists across cases). */
  withCase: boolean;
  /** Offer "done" on open tasks. */
  manage: boolean;
  m: M;
}

function TaskTable(props: TableProps): Html {
  const { page, m } = props;
  return (
    <table>
      <caption>{m('caption')}</caption>
      <thead>
        <tr>
          {props.withCase ? <th scope="col">{m('col_case')}</th> : null}
          <th scope="col">{m('col_task')}</th>
          <th scope="col">{m('col_due')}</th>
          <th scope="col">{m('col_assignee')}</th>
          <th scope="col">{m('col_state')}</th>
        </tr>
      </thead>
      <tbody>
        {props.tasks.map((task) => (
          <tr class={task.overdue ? 'overdue' : undefined}>
            {props.withCase ? (
              <td>
                <a href={`/ui/cases/${task.caseId}/tasks`}>{task.caseReference}</a>
              </td>
            ) : null}
            <td>{whatOf(task, m)}</td>
            <td>{task.dueOn}</td>
            <td>{props.names.get(task.assigneeUserId) ?? ''}</td>
            <td>
              {stateOf(task, m)}
              {props.manage && task.doneAt === null ? (
                <form method="post" action={`/ui/cases/${task.caseId}/tasks/${task.id}/done`}>
                  <CsrfField page={page} />
                  <button type="submit">{m('mark_done')}</button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface CaseTasksPageProps {
  page: PageContext;
  caseId: string;
  tasks: TaskView[];
  names: ReadonlyMap<string, string>;
  /** Who may be given a task (the organisation's active caseworkers and managers). */
  assignees: Choice[];
  notice?: string;
  values?: FormValues;
  errors?: FormErrors;
}

/** The tasks of a case, with "done" on the open ones and a form to add one by hand. */
export function CaseTasksPage(props: CaseTasksPageProps): Html {
  const { page } = props;
  const m = taskMessages.in(page.language);
  const labels = { title: m('title'), dueOn: m('due_on'), assigneeUserId: m('assignee') };
  return (
    <Layout page={page} title={m('case_title')}>
      <h1>{m('case_title')}</h1>
      <p>
        <a href={`/ui/cases/${props.caseId}`}>{m('back_to_case')}</a>
      </p>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.tasks.length ? (
        <TaskTable page={page} tasks={props.tasks} names={props.names} withCase={false} manage m={m} />
      ) : (
        <p>{m('none_open')}</p>
      )}
      <h2>{m('add_title')}</h2>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action={`/ui/cases/${props.caseId}/tasks`}>
        <CsrfField page={page} />
        <TextField name="title" label={labels.title} identifying values={props.values} errors={props.errors} required />
        <TextField name="dueOn" label={labels.dueOn} type="date" values={props.values} errors={props.errors} required />
        <SelectField
          name="assigneeUserId"
          label={labels.assigneeUserId}
          choices={props.assignees}
          blank={m('assignee_owner')}
          values={props.values}
          errors={props.errors}
        />
        <button type="submit">{m('add_button')}</button>
      </form>
    </Layout>
  );
}

export interface TaskListPageProps {
  page: PageContext;
  kind: 'mine' | 'overdue';
  tasks: TaskView[];
  names: ReadonlyMap<string, string>;
  /** The manager's link to the organisation's overdue tasks. */
  overdueLink: boolean;
  notice?: string;
}

/** "My work", or the organisation's overdue tasks for its manager. */
export function TaskListPage(props: TaskListPageProps): Html {
  const { page } = props;
  const m = taskMessages.in(page.language);
  const title = props.kind === 'mine' ? m('mine_title') : m('overdue_title');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.overdueLink ? (
        <p>
          <a href="/ui/tasks/overdue">{m('link_overdue')}</a>
        </p>
      ) : null}
      {props.tasks.length ? (
        <TaskTable page={page} tasks={props.tasks} names={props.names} withCase manage={props.kind === 'mine'} m={m} />
      ) : (
        <p>{props.kind === 'mine' ? m('none_open') : m('none_overdue')}</p>
      )}
    </Layout>
  );
}
