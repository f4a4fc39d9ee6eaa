import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { Layout } from '../../../core/web/layout';
import { shownMoment } from '../../../core/web/moments';
import type { PageContext } from '../../../core/web/page';
import { labelledList } from '../../cases/code-lists';
import type { CaseloadReportDto, CountDto, ReferralCountDto } from '../dto/caseload-report.dto';
import { reportsMessages } from './reports.messages';

void Fragment;

type M = ReturnType<typeof reportsMessages.in>;

function Counts(props: { title: string; rows: readonly CountDto[]; label: (code: string) => string; m: M }): Html {
  return (
    <section>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>{props.m('none')}</p>
      ) : (
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.m('col_what')}</th>
              <th scope="col" class="number">{props.m('col_count')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <th scope="row">{props.label(row.code)}</th>
                <td class="number">{String(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Referrals(props: { title: string; rows: readonly ReferralCountDto[]; purpose: (code: string) => string; m: M }): Html {
  const { m } = props;
  return (
    <section>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>{m('none')}</p>
      ) : (
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_purpose')}</th>
              <th scope="col">{m('col_outcome')}</th>
              <th scope="col" class="number">{m('col_count')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <th scope="row">{props.purpose(row.purpose)}</th>
                <td>{m(`status_${row.status as 'pending' | 'accepted' | 'declined' | 'withdrawn'}`)}</td>
                <td class="number">{String(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The organisation's own counts (GET /reports/caseload), and the export with its warning. */
export function ReportsPage(props: { page: PageContext; report: CaseloadReportDto }): Html {
  const { page, report } = props;
  const m = reportsMessages.in(page.language);
  const list = (name: string) => labelledList(name, page.language).label;
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      <p>
        {m('counted_at', { at: shownMoment(report.countedAt) })}. {m('cases_total', { count: report.cases })}
      </p>
      <Counts title={m('by_stage')} rows={report.byStage} label={list('stage')} m={m} />
      <Counts title={m('by_status')} rows={report.byStatus} label={list('traffickingStatus')} m={m} />
      <Counts title={m('services')} rows={report.servicesDelivered} label={list('assistanceType')} m={m} />
      <Referrals title={m('referrals_out')} rows={report.referralsOut} purpose={list('referralPurpose')} m={m} />
      <Referrals title={m('referrals_in')} rows={report.referralsIn} purpose={list('referralPurpose')} m={m} />
      <section>
        <h2>{m('overdue')}</h2>
        <p>{String(report.overdueTasks)}</p>
      </section>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{m('export_title')}</h2>
        <p class="notice warn" role="note">
          {m('export_warning')}
        </p>
        <p>
          <a class="button" href="/ui/reports/cases.csv" download>
            {m('export_csv')}
          </a>{' '}
          <a class="button" href="/ui/reports/cases.xlsx" download>
            {m('export_xlsx')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
