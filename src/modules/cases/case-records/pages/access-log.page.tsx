import { ErrorSummary, FormErrors, FormValues, TextField } from '../../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../../core/web/jsx';
import { Layout } from '../../../../core/web/layout';
import { shownMoment } from '../../../../core/web/moments';
import type { PageContext } from '../../../../core/web/page';
import { pagingMessages } from '../../../../core/web/pager';
import { roleMessages } from '../../../../core/web/roles.messages';
import type { AccessLogEntryDto } from '../../../../core/audit/dto/audit-query.dto';
import { accessLogMessages, AccessLogMessage } from './access-log.messages';

void Fragment;

export interface AccessLogProps {
  page: PageContext;
  values: FormValues;
  errors?: FormErrors;
  /** Absent until a case is asked for. */
  events?: AccessLogEntryDto[];
  /** The address of the next (older) page, when there is one. */
  older?: string;
  /** For the organisation's whole log: each case's reference by id (a Case column is shown). */
  references?: ReadonlyMap<string, string>;
}

/** "Who opened this case": the API's access log of one case, with people's and organisations' names. */
export function AccessLogPage(props: AccessLogProps): Html {
  const { page } = props;
  const m = accessLogMessages.in(page.language);
  const roles = roleMessages.in(page.language);
  const labels = { caseId: m('case_id'), from: m('from'), to: m('to') };
  const who = (e: AccessLogEntryDto): string => {
    if (e.actorUserId) return e.actorUsername ?? m('unknown_user');
    return e.actorOrganisationName ?? m('another_organisation');
  };
  const what = (action: string): string =>
    Object.hasOwn(accessLogMessages.text.en, action) ? m(action as AccessLogMessage) : action;
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="get" action="/ui/access-log" class="filters">
        <TextField name="caseId" label={labels.caseId} hint={m('case_id_hint')} values={props.values} errors={props.errors} maxlength={36} />
        <TextField name="from" label={labels.from} type="date" values={props.values} errors={props.errors} />
        <TextField name="to" label={labels.to} type="date" values={props.values} errors={props.errors} />
        <div class="actions">
          <button type="submit">{m('show')}</button>
        </div>
      </form>
      {props.events === undefined ? null : props.events.length === 0 ? (
        <p>{m('empty')}</p>
      ) : (
        <table>
          <caption>{m('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_when')}</th>
              {props.references ? <th scope="col">{m('col_case')}</th> : null}
              <th scope="col">{m('col_who')}</th>
              <th scope="col">{m('col_role')}</th>
              <th scope="col">{m('col_action')}</th>
              <th scope="col">{m('col_outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {props.events.map((e) => (
              <tr>
                <td>{shownMoment(e.occurredAt)}</td>
                {props.references ? (
                  <td>
                    {e.caseIds.map((id) => (
                      <a href={`/ui/access-log?caseId=${id}`}>{props.references?.get(id) ?? id} </a>
                    ))}
                  </td>
                ) : null}
                <th scope="row">{who(e)}</th>
                <td>{e.actorRole && Object.hasOwn(roleMessages.text.en, e.actorRole) ? roles(e.actorRole as 'caseworker') : ''}</td>
                <td>{what(e.action)}</td>
                <td>{m(`outcome_${e.outcome as 'allowed' | 'denied' | 'failed'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.older ? (
        <nav aria-label={pagingMessages.in(page.language)('label')} class="pager">
          <ul>
            <li>
              <a href={props.older} rel="next">
                {pagingMessages.in(page.language)('older')}
              </a>
            </li>
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}
