import type { FormErrors, FormValues } from '../../../core/web/forms';
import { ErrorSummary, SelectField, TextField } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { Layout } from '../../../core/web/layout';
import { common } from '../../../core/web/messages';
import type { PageContext } from '../../../core/web/page';
import type { CaseSummary } from '../case-records';
import { caseLabels } from './case-labels';
import { caseMessages } from './cases.messages';

void Fragment;

/** A line of the list with the deadlines that have passed on it. */
export interface CaseLine {
  summary: CaseSummary;
  decisionDue: boolean;
  referralOverdue: boolean;
}

export interface CaseListProps {
  page: PageContext;
  lines: CaseLine[];
  total: number;
  /** 1-based. */
  pageNumber: number;
  pageSize: number;
  /** The filters as given (codes and days only), for the form and the paging links. */
  filters: FormValues;
  errors?: FormErrors;
}

/** The filters and a page number as a query: codes and days only, never anything typed about a person. */
export function listQuery(filters: FormValues, pageNumber: number): string {
  const query = new URLSearchParams();
  for (const name of ['stage', 'status', 'from', 'to', 'owner']) {
    const value = filters[name];
    if (typeof value === 'string' && value) query.set(name, value);
  }
  if (pageNumber > 1) query.set('page', String(pageNumber));
  const text = query.toString();
  return text ? `/ui/cases?${text}` : '/ui/cases';
}

export function CaseListPage(props: CaseListProps): Html {
  const { page, lines, total, pageNumber, pageSize, filters } = props;
  const m = caseMessages.in(page.language);
  const t = common.in(page.language);
  const l = caseLabels(page.language);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (pageNumber - 1) * pageSize + 1;
  const filtered = ['stage', 'status', 'from', 'to', 'owner'].some((name) => filters[name]);
  const labels = {
    stage: m('filter_stage'),
    status: m('filter_status'),
    from: m('filter_from'),
    to: m('filter_to'),
    owner: m('filter_owner'),
  };
  return (
    <Layout page={page} title={m('list_title')}>
      <h1>{m('list_title')}</h1>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="get" action="/ui/cases" class="filters" aria-label={m('filters_title')}>
        <SelectField
          name="stage"
          label={labels.stage}
          choices={l.stage.choices}
          blank={m('filter_any')}
          values={filters}
          errors={props.errors}
        />
        <SelectField
          name="status"
          label={labels.status}
          choices={l.status.choices}
          blank={m('filter_any')}
          values={filters}
          errors={props.errors}
        />
        <TextField name="from" label={labels.from} type="date" values={filters} errors={props.errors} />
        <TextField name="to" label={labels.to} type="date" values={filters} errors={props.errors} />
        <SelectField
          name="owner"
          label={labels.owner}
          choices={[{ value: 'mine', label: m('filter_mine') }]}
          blank={m('filter_any')}
          values={filters}
          errors={props.errors}
        />
        <div class="actions">
          <button type="submit">{t('filter')}</button>
          {filtered ? <a href="/ui/cases">{m('filter_clear')}</a> : null}
        </div>
      </form>
      {lines.length === 0 ? (
        <p class="notice">{filtered || pageNumber > 1 ? m('list_empty') : m('list_empty_none')}</p>
      ) : (
        <Fragment>
          <table>
            <caption>
              {m('list_caption')}. {m('list_count', { first, last: first + lines.length - 1, total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{m('col_reference')}</th>
                <th scope="col">{m('col_person')}</th>
                <th scope="col">{m('col_stage')}</th>
                <th scope="col">{m('col_status')}</th>
                <th scope="col">{m('col_registered')}</th>
                <th scope="col">{m('col_access')}</th>
                <th scope="col">{m('col_marks')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map(({ summary, decisionDue, referralOverdue }) => (
                <tr>
                  <th scope="row">
                    <a href={`/ui/cases/${summary.id}`}>{summary.reference}</a>
                  </th>
                  <td>
                    {summary.familyName === null ? (
                      <span class="withheld">{m('person_erased')}</span>
                    ) : (
                      `${summary.familyName} ${summary.givenName ?? ''}`.trim()
                    )}
                  </td>
                  <td>{l.stage.label(summary.stage)}</td>
                  <td>{l.status.label(summary.traffickingStatus)}</td>
                  <td>{summary.registeredOn}</td>
                  <td>{m(`view_${summary.view}`)}</td>
                  <td>
                    {decisionDue ? <span class="overdue">{m('mark_decision_due')}</span> : null}
                    {decisionDue && referralOverdue ? <br /> : null}
                    {referralOverdue ? <span class="overdue">{m('mark_referral_overdue')}</span> : null}
                    {decisionDue || referralOverdue ? null : m('mark_none')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Fragment>
      )}
      {pages > 1 ? (
        <nav aria-label={m('paging_label')} class="actions">
          {pageNumber > 1 ? <a href={listQuery(filters, pageNumber - 1)}>{m('page_previous')}</a> : null}
          <span>{m('page_of', { page: pageNumber, pages })}</span>
          {pageNumber < pages ? <a href={listQuery(filters, pageNumber + 1)}>{m('page_next')}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
