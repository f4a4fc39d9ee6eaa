import type { FormErrors, FormValues } from '../../../core/web/forms';
import { CheckboxGroup, TextField } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, IdempotencyField, Layout } from '../../../core/web/layout';
import { shownMoment } from '../../../core/web/moments';
import type { PageContext } from '../../../core/web/page';
import type { Language, Translate } from '../../../core/web/i18n';
import { codeLabel } from '../../cases/code-lists';
import { OTHER, TOTAL, UNKNOWN } from '../dimensions';
import type {
  PublishedEntry,
  PublishedTable,
  PublishedTimeliness,
  ReleaseDimension,
  ReleaseSummary,
  ReleaseView,
  RequestAllowance,
} from '../releases/release-contract';
import { MULTIPLE, RELEASE_DIMENSIONS } from '../releases/release-contract';
import { BarChart } from './bar-chart';
import { StatisticsMessage, statisticsMessages } from './statistics.messages';

void Fragment;

type M = Translate<StatisticsMessage>;

/** What a withheld count shows instead of a number; the legend under the tables says what it means. */
export const WITHHELD_MARK = '×';

/** The code list each dimension's codes come from, for their labels. */
const LIST_OF: Partial<Record<ReleaseDimension, string>> = {
  region: 'region',
  gender: 'gender',
  ageBand: 'ageBand',
  exploitationType: 'exploitationType',
  countryOfExploitation: 'country',
  stage: 'stage',
  traffickingStatus: 'traffickingStatus',
};

export function dimensionLabel(dimension: ReleaseDimension, m: M): string {
  return m(`dim_${dimension}`);
}

export function categoryLabel(dimension: ReleaseDimension, code: string, language: Language, m: M): string {
  if (code === TOTAL) return m('total');
  if (code === OTHER) return m('other');
  if (code === UNKNOWN) return m('unknown');
  if (dimension === 'exploitationType' && code === MULTIPLE) return m('multiple');
  if (dimension === 'referralOutcome') {
    const outcome = `outcome_${code}`;
    return outcome in statisticsMessages.text.en ? m(outcome as StatisticsMessage) : code;
  }
  if (dimension === 'quarter') return /^[1-4]$/.test(code) ? `Q${code}` : code;
  const list = LIST_OF[dimension];
  return (list && codeLabel(list, code, language)) ?? code;
}

function methodLabel(summary: ReleaseSummary, m: M): string {
  return summary.method === 'dp' ? m('method_dp') : m('method_suppression');
}

function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A published count, or the withheld mark (class `withheld`): never a number for a withheld cell. */
function Count(props: { value: number | null | undefined }): Html {
  return props.value === null || props.value === undefined ? (
    <td class="number withheld">{WITHHELD_MARK}</td>
  ) : (
    <td class="number">{String(props.value)}</td>
  );
}

function Legend(props: { m: M; k: number }): Html {
  return <p class="hint legend">{props.m('legend', { mark: WITHHELD_MARK, k: props.k })}</p>;
}

function keyOf(key: readonly string[]): string {
  return key.join('|');
}

function countsOf(table: PublishedTable): Map<string, number | null> {
  return new Map(table.entries.map((e: PublishedEntry) => [keyOf(e.key), e.count]));
}

function captionOf(table: PublishedTable, period: string, m: M): string {
  const dimensions = table.dimensions.map((d) => dimensionLabel(d, m)).join(', ');
  return table.pooled
    ? m('table_caption_pooled', { from: table.pooled.from, to: table.pooled.to, dimensions })
    : m('table_caption', { period, dimensions });
}

/** One dimension: its categories and the total. */
function OneWayTable(props: { table: PublishedTable; caption: string; language: Language; m: M }): Html {
  const { table, m } = props;
  const [dimension] = table.dimensions;
  const counts = countsOf(table);
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{dimensionLabel(dimension, m)}</th>
          <th scope="col" class="number">
            {m('victims')}
          </th>
        </tr>
      </thead>
      <tbody>
        {table.categories[0].map((code) => (
          <tr>
            <th scope="row">{categoryLabel(dimension, code, props.language, m)}</th>
            <Count value={counts.get(code)} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{m('total')}</th>
          <Count value={counts.get(TOTAL)} />
        </tr>
      </tfoot>
    </table>
  );
}

/** Two dimensions: a cross table with its margins. */
function CrossTable(props: { table: PublishedTable; caption: string; language: Language; m: M }): Html {
  const { table, m } = props;
  const [rows, columns] = table.dimensions;
  const counts = countsOf(table);
  const label = (dimension: ReleaseDimension, code: string) => categoryLabel(dimension, code, props.language, m);
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{`${dimensionLabel(rows, m)} / ${dimensionLabel(columns, m)}`}</th>
          {table.categories[1].map((code) => (
            <th scope="col" class="number">
              {label(columns, code)}
            </th>
          ))}
          <th scope="col" class="number">
            {m('total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {table.categories[0].map((row) => (
          <tr>
            <th scope="row">{label(rows, row)}</th>
            {table.categories[1].map((column) => (
              <Count value={counts.get(keyOf([row, column]))} />
            ))}
            <Count value={counts.get(keyOf([row, TOTAL]))} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{m('total')}</th>
          {table.categories[1].map((column) => (
            <Count value={counts.get(keyOf([TOTAL, column]))} />
          ))}
          <Count value={counts.get(keyOf([TOTAL, TOTAL]))} />
        </tr>
      </tfoot>
    </table>
  );
}

/** Three dimensions: one line an entry, in the release's order (margins included), the grand total last. */
function LongTable(props: { table: PublishedTable; caption: string; language: Language; m: M }): Html {
  const { table, m } = props;
  const grand = keyOf(table.dimensions.map(() => TOTAL));
  const lines = table.entries.filter((e) => keyOf(e.key) !== grand);
  const total = table.entries.find((e) => keyOf(e.key) === grand);
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {table.dimensions.map((dimension) => (
            <th scope="col">{dimensionLabel(dimension, m)}</th>
          ))}
          <th scope="col" class="number">
            {m('victims')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((entry) => (
          <tr>
            {table.dimensions.map((dimension, index) => {
              const label = categoryLabel(dimension, entry.key[index] ?? TOTAL, props.language, m);
              return index === 0 ? <th scope="row">{label}</th> : <td>{label}</td>;
            })}
            <Count value={entry.count} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan={table.dimensions.length}>
            {m('total')}
          </th>
          <Count value={total?.count} />
        </tr>
      </tfoot>
    </table>
  );
}

/** The first dimension's counts (its margins when the table has more), as the chart draws them. */
export function barsOf(table: PublishedTable, language: Language, m: M): Array<{ label: string; value: number | null }> {
  const counts = countsOf(table);
  const rest = table.dimensions.slice(1).map(() => TOTAL);
  return table.categories[0].map((code) => ({
    label: categoryLabel(table.dimensions[0], code, language, m),
    value: counts.get(keyOf([code, ...rest])) ?? null,
  }));
}

function Folded(props: { table: PublishedTable; language: Language; m: M }): Html {
  const names = Object.entries(props.table.folded).flatMap(([dimension, codes]) =>
    (codes ?? []).map((code) => categoryLabel(dimension as ReleaseDimension, code, props.language, props.m)),
  );
  return names.length ? <p class="hint">{props.m('folded', { categories: names.join(', ') })}</p> : <Fragment />;
}

/** A table of the release: its caption, its cells (withheld ones as the mark), its notes and its chart. */
export function ReleaseTable(props: { table: PublishedTable; period: string; language: Language; k: number }): Html {
  const { table, language } = props;
  const m = statisticsMessages.in(language);
  const caption = captionOf(table, props.period, m);
  const Table = table.dimensions.length === 1 ? OneWayTable : table.dimensions.length === 2 ? CrossTable : LongTable;
  return (
    <section class="release-table" id={`table-${table.id}`} aria-label={caption}>
      <Table table={table} caption={caption} language={language} m={m} />
      <Legend m={m} k={props.k} />
      {table.pooled ? <p class="hint">{m('pooled_note', { from: table.pooled.from, to: table.pooled.to })}</p> : null}
      <Folded table={table} language={language} m={m} />
      <figure>
        <BarChart
          id={`chart-${table.id}`}
          title={m('chart_title', { dimension: dimensionLabel(table.dimensions[0], m) })}
          desc={m('chart_desc')}
          bars={barsOf(table, language, m)}
          withheld={WITHHELD_MARK}
        />
      </figure>
    </section>
  );
}

export function ReleaseListPage(props: { page: PageContext; releases: readonly ReleaseSummary[]; notice?: string }): Html {
  const { page } = props;
  const m = statisticsMessages.in(page.language);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      {props.notice ? (
        <p class="notice warn" role="alert">
          {props.notice}
        </p>
      ) : null}
      {props.releases.length === 0 ? (
        <p class="notice">{m('none_yet')}</p>
      ) : (
        <table>
          <caption>{m('list_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_period')}</th>
              <th scope="col" class="number">
                {m('col_version')}
              </th>
              <th scope="col">{m('col_method')}</th>
              <th scope="col">{m('col_generated')}</th>
              <th scope="col" class="number">
                {m('col_suppression')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.releases.map((release) => (
              <tr>
                <th scope="row">
                  <a
                    href={`/ui/statistics/releases/${release.id}`}
                    aria-label={m('open', { period: release.period, version: release.version })}
                  >
                    {release.period}
                  </a>
                </th>
                <td class="number">{String(release.version)}</td>
                <td>{methodLabel(release, m)}</td>
                <td>{shownMoment(release.generatedAt)}</td>
                <td class="number">{release.method === 'dp' ? '—' : percent(release.suppressionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function About(props: { summary: ReleaseSummary; m: M }): Html {
  const { summary, m } = props;
  return (
    <section aria-labelledby="about-title">
      <h2 id="about-title">{m('about_title')}</h2>
      <dl class="facts">
        <dt>{m('about_period')}</dt>
        <dd>{summary.period}</dd>
        <dt>{m('about_version')}</dt>
        <dd>{String(summary.version)}</dd>
        <dt>{m('about_method')}</dt>
        <dd>{methodLabel(summary, m)}</dd>
        {summary.method === 'suppression' ? (
          <Fragment>
            <dt>{m('about_threshold')}</dt>
            <dd>{String(summary.threshold)}</dd>
            <dt>{m('about_suppression')}</dt>
            <dd>{percent(summary.suppressionRate)}</dd>
          </Fragment>
        ) : null}
        <dt>{m('about_generated')}</dt>
        <dd>{shownMoment(summary.generatedAt)}</dd>
      </dl>
    </section>
  );
}

function Method(props: { summary: ReleaseSummary; m: M }): Html {
  const { summary, m } = props;
  const privacy = summary.privacy;
  return (
    <section aria-labelledby="method-title">
      <h2 id="method-title">{m('method_title')}</h2>
      {summary.method === 'dp' ? (
        <Fragment>
          <p>{m('method_dp_text', { rho: String(privacy?.rho ?? '') })}</p>
          {privacy ? (
            <table>
              <caption>{m('allocation_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('col_table')}</th>
                  <th scope="col" class="number">
                    {m('col_share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(privacy.allocation).map(([table, rho]) => (
                  <tr>
                    <th scope="row">{table}</th>
                    <td class="number">{String(rho)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Fragment>
      ) : (
        <p>{m('method_suppression_text', { k: summary.threshold, k_below: summary.threshold - 1 })}</p>
      )}
    </section>
  );
}

function Timeliness(props: { summary: ReleaseSummary; timeliness: PublishedTimeliness | null; m: M }): Html {
  const { timeliness, m } = props;
  const measures: Array<[StatisticsMessage, number | null]> = timeliness
    ? [
        ['measure_identificationToAcceptance', timeliness.identificationToAcceptanceDays],
        ['measure_referralResponse', timeliness.referralResponseDays],
        ['measure_overdueReferrals', timeliness.overdueReferrals],
      ]
    : [];
  return (
    <section aria-labelledby="timeliness-title">
      <h2 id="timeliness-title">{m('timeliness_title')}</h2>
      {timeliness ? (
        <Fragment>
          <table>
            <caption>{m('timeliness_caption', { period: props.summary.period })}</caption>
            <thead>
              <tr>
                <th scope="col">{m('col_measure')}</th>
                <th scope="col" class="number">
                  {m('col_value')}
                </th>
              </tr>
            </thead>
            <tbody>
              {measures.map(([label, value]) => (
                <tr>
                  <th scope="row">{m(label)}</th>
                  <Count value={value} />
                </tr>
              ))}
            </tbody>
          </table>
          <Legend m={m} k={props.summary.threshold} />
        </Fragment>
      ) : (
        <p class="notice">{m('timeliness_dp')}</p>
      )}
    </section>
  );
}

function Downloads(props: { summary: ReleaseSummary; mayExport: boolean; m: M }): Html {
  const { summary, m } = props;
  const base = `/ui/statistics/releases/${summary.id}`;
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">{m('downloads_title')}</h2>
      <p>{m('downloads_text')}</p>
      <p>
        <a class="button" href={`${base}/tables.csv`} download>
          {m('download_tables')}
        </a>
        {props.mayExport ? (
          <Fragment>
            {' '}
            <a class="button" href={`${base}/ctdc.csv`} download>
              {m('download_ctdc')}
            </a>
          </Fragment>
        ) : null}
      </p>
    </section>
  );
}

function Signature(props: { summary: ReleaseSummary; m: M }): Html {
  const { summary, m } = props;
  return (
    <section aria-labelledby="signature-title">
      <h2 id="signature-title">{m('signature_title')}</h2>
      <p>{m('signature_text')}</p>
      <dl class="facts">
        <dt>{m('signature_label')}</dt>
        <dd>
          <code class="wrap">{summary.signature}</code>
        </dd>
        <dt>{m('public_key_label')}</dt>
        <dd>
          <code class="wrap">{summary.publicKey}</code>
        </dd>
      </dl>
    </section>
  );
}

/** The request form: 1–3 dimensions as checkboxes, with the organisation's allowance this month. */
export function RequestForm(props: {
  page: PageContext;
  allowance: RequestAllowance;
  values?: FormValues;
  errors?: FormErrors;
}): Html {
  const { page, allowance } = props;
  const m = statisticsMessages.in(page.language);
  return (
    <form method="post" action="/ui/statistics/requests" class="request-form">
      <CsrfField page={page} />
      <IdempotencyField />
      <p>{m('request_text')}</p>
      <p class="hint" id="allowance">
        {m('request_allowance', { used: allowance.used, limit: allowance.limit })}
      </p>
      <CheckboxGroup
        name="dimensions"
        label={m('request_dimensions')}
        values={props.values}
        errors={props.errors}
        choices={RELEASE_DIMENSIONS.map((d) => ({ value: d, label: dimensionLabel(d, m) }))}
      />
      <div class="actions">
        <button type="submit">{m('request_submit')}</button>
      </div>
    </form>
  );
}

export interface ReleasePageProps {
  page: PageContext;
  release: ReleaseView;
  /** The newest release: requests are answered against its snapshot, so its page has the form. */
  newest: ReleaseSummary;
  allowance?: RequestAllowance;
  /** The CTDC download is offered to those who may take it. */
  mayExport: boolean;
  /** A notice at the top: the table just requested was published. */
  notice?: string;
  /** Why a request was refused, in the person's language. */
  refusal?: string;
  values?: FormValues;
  errors?: FormErrors;
}

export function ReleasePage(props: ReleasePageProps): Html {
  const { page, release } = props;
  const { summary } = release;
  const m = statisticsMessages.in(page.language);
  const title = m('release_title', { period: summary.period, version: summary.version });
  const isNewest = props.newest.id === summary.id;
  const shown = (table: PublishedTable) => (
    <ReleaseTable table={table} period={summary.period} language={page.language} k={summary.threshold} />
  );
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>
        <a href="/ui/statistics">{m('back_to_list')}</a>
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <About summary={summary} m={m} />
      <Method summary={summary} m={m} />
      <section aria-labelledby="tables-title">
        <h2 id="tables-title">{m('tables_title')}</h2>
        {release.tables.map(shown)}
      </section>
      <Timeliness summary={summary} timeliness={release.timeliness} m={m} />
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{m('requests_title')}</h2>
        {release.requests.length ? release.requests.map(shown) : <p>{m('requests_none')}</p>}
      </section>
      <section aria-labelledby="request-title">
        <h2 id="request-title">{m('request_title')}</h2>
        {isNewest && props.allowance ? (
          <RequestForm page={page} allowance={props.allowance} values={props.values} errors={props.errors} />
        ) : (
          <p>
            {m('request_elsewhere')}{' '}
            <a href={`/ui/statistics/releases/${props.newest.id}`}>
              {m('release_title', { period: props.newest.period, version: props.newest.version })}
            </a>
          </p>
        )}
      </section>
      <Downloads summary={summary} mayExport={props.mayExport} m={m} />
      <Signature summary={summary} m={m} />
    </Layout>
  );
}

export interface PublishPageProps {
  page: PageContext;
  /** What is published already (on the form itself; not after a publish, whose audit is its own). */
  releases?: readonly ReleaseSummary[];
  values?: FormValues;
  errors?: FormErrors;
  /** The release just published. */
  published?: ReleaseSummary;
  /** Why nothing was published (a deferred revision), in the person's language. */
  refusal?: string;
}

/** The administrator's form: the period to compute and publish, and what is published already. */
export function PublishPage(props: PublishPageProps): Html {
  const { page, published } = props;
  const m = statisticsMessages.in(page.language);
  return (
    <Layout page={page} title={m('publish_title')}>
      <h1>{m('publish_title')}</h1>
      <p>{m('publish_intro')}</p>
      {published ? (
        <Fragment>
          <p class="notice" role="status">
            {m('published', { period: published.period, version: published.version })}
          </p>
          <About summary={published} m={m} />
        </Fragment>
      ) : null}
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <form method="post" action="/ui/statistics/publish">
        <CsrfField page={page} />
        <TextField
          name="period"
          label={m('publish_period')}
          hint={m('publish_period_hint')}
          values={props.values}
          errors={props.errors}
          required
          maxlength={16}
        />
        <div class="actions">
          <button type="submit">{m('publish_submit')}</button>
        </div>
      </form>
      {props.releases ? (
      <section aria-labelledby="so-far-title">
        <h2 id="so-far-title">{m('published_so_far')}</h2>
        {props.releases.length === 0 ? (
          <p>{m('none_yet')}</p>
        ) : (
          <table>
            <caption>{m('list_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('col_period')}</th>
                <th scope="col" class="number">
                  {m('col_version')}
                </th>
                <th scope="col">{m('col_method')}</th>
                <th scope="col">{m('col_generated')}</th>
              </tr>
            </thead>
            <tbody>
              {props.releases.map((release) => (
                <tr>
                  <th scope="row">{release.period}</th>
                  <td class="number">{String(release.version)}</td>
                  <td>{methodLabel(release, m)}</td>
                  <td>{shownMoment(release.generatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      ) : null}
    </Layout>
  );
}
