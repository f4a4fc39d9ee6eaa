import type { FormErrors, FormValues } from '../../../core/web/forms';
import { SelectField } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { Layout } from '../../../core/web/layout';
import { common } from '../../../core/web/messages';
import type { PageContext } from '../../../core/web/page';
import type { Language, Translate } from '../../../core/web/i18n';
import { codeLabel } from '../../cases/code-lists';
import { DIMENSIONS, Dimension, OTHER, TOTAL, UNKNOWN } from '../dimensions';
import type { StatisticsAnswerDto, StatisticsEntryDto, TimelinessAnswerDto } from '../dto/statistics-answer.dto';
import type { TimelinessMeasure } from '../timeliness';
import { BarChart } from './bar-chart';
import { StatisticsMessage, statisticsMessages } from './statistics.messages';

void Fragment;

type M = Translate<StatisticsMessage>;

/** The code list each dimension's codes come from, for their labels. */
const LIST_OF: Partial<Record<Dimension, string>> = {
  region: 'region',
  gender: 'gender',
  ageBand: 'ageBand',
  exploitationType: 'exploitationType',
  countryOfExploitation: 'country',
  stage: 'stage',
  traffickingStatus: 'traffickingStatus',
};

/** The dimensions the page filters on: the API's filters of codes and the year (GET query, codes only). */
export const FILTERS = [
  'year',
  'region',
  'gender',
  'ageBand',
  'exploitationType',
  'countryOfExploitation',
  'stage',
  'traffickingStatus',
  'referralOutcome',
] as const satisfies readonly Dimension[];
export type Filter = (typeof FILTERS)[number];

/** Each filter's codes, as the service lists them. */
export type FilterCodes = Record<Filter, readonly string[]>;

/** Single-valued dimensions: a timeliness table breaks down by one of them. */
export const TIMELINESS_DIMENSIONS = DIMENSIONS.filter((d) => d !== 'exploitationType');

export function dimensionLabel(dimension: Dimension, m: M): string {
  return m(`dim_${dimension}`);
}

export function categoryLabel(dimension: Dimension, code: string, language: Language, m: M): string {
  if (code === TOTAL) return m('total');
  if (code === OTHER) return m('other');
  if (code === UNKNOWN) return m('unknown');
  if (dimension === 'referralOutcome') return m(`outcome_${code as 'none'}`);
  const list = LIST_OF[dimension];
  return (list && codeLabel(list, code, language)) ?? code;
}

/** A published count, or the word for withheld (class `withheld`): never a number for a withheld cell. */
function Count(props: { value: number | null | undefined; withheld: string }): Html {
  return props.value === null || props.value === undefined ? (
    <td class="number withheld">{props.withheld}</td>
  ) : (
    <td class="number">{String(props.value)}</td>
  );
}

function keyOf(entry: StatisticsEntryDto, groupBy: readonly Dimension[]): string {
  return groupBy.map((d) => entry.key[d] ?? TOTAL).join('|');
}

/** The codes of one dimension in the order the answer lists them, margins left out. */
function codesOf(entries: readonly StatisticsEntryDto[], dimension: Dimension): string[] {
  const codes: string[] = [];
  for (const entry of entries) {
    const code = entry.key[dimension];
    if (code !== undefined && code !== TOTAL && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

function QuestionForm(props: {
  page: PageContext;
  groupBy: readonly string[];
  filters: FormValues;
  filterCodes: FilterCodes;
  errors?: FormErrors;
}): Html {
  const { page } = props;
  const m = statisticsMessages.in(page.language);
  const error = props.errors?.groupBy;
  const labels = [m('group_by'), m('then_by'), m('then_by')];
  return (
    <form method="get" action="/ui/statistics">
      <div class="filters">
        {labels.map((label, index) => (
          <div class={error && index === 0 ? 'field has-error' : 'field'}>
            <label for={`group-${index + 1}`}>{label}</label>
            {error && index === 0 ? (
              <p class="error" id="group-error">
                {error}
              </p>
            ) : null}
            <select
              id={`group-${index + 1}`}
              name="groupBy"
              aria-invalid={error && index === 0 ? 'true' : undefined}
              aria-describedby={error && index === 0 ? 'group-error' : undefined}
            >
              {index > 0 ? <option value="">{m('nothing_more')}</option> : null}
              {DIMENSIONS.map((dimension) => (
                <option value={dimension} selected={props.groupBy[index] === dimension}>
                  {dimensionLabel(dimension, m)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <fieldset class="filters">
        <legend>{m('filters')}</legend>
        {FILTERS.map((filter) => (
          <SelectField
            name={filter}
            label={dimensionLabel(filter, m)}
            values={props.filters}
            errors={props.errors}
            blank={m('any_case')}
            choices={props.filterCodes[filter].map((code) => ({
              value: code,
              label: categoryLabel(filter, code, page.language, m),
            }))}
          />
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit">{m('show')}</button>
      </div>
    </form>
  );
}

function ProtectionNote(props: { page: PageContext; mode: 'suppression' | 'dp'; threshold?: number }): Html {
  const m = statisticsMessages.in(props.page.language);
  return (
    <section class="notice" aria-labelledby="note-title">
      <h2 id="note-title">{m('note_title')}</h2>
      <p>{props.mode === 'dp' ? m('note_dp') : m('note_suppression', { k: props.threshold ?? 11 })}</p>
    </section>
  );
}

function Folded(props: { page: PageContext; folded?: Partial<Record<Dimension, string[]>> }): Html {
  const m = statisticsMessages.in(props.page.language);
  const names = Object.entries(props.folded ?? {}).flatMap(([dimension, codes]) =>
    (codes ?? []).map((code) => categoryLabel(dimension as Dimension, code, props.page.language, m)),
  );
  return names.length ? <p class="hint">{m('folded', { categories: names.join(', ') })}</p> : <Fragment />;
}

/** One dimension: a list of categories with the total, and its chart beside it. */
function OneWayTable(props: { page: PageContext; answer: StatisticsAnswerDto; caption: string }): Html {
  const { page, answer } = props;
  const m = statisticsMessages.in(page.language);
  const withheld = common.in(page.language)('withheld');
  const [dimension] = answer.groupBy;
  const total = answer.totals.find((t) => t.key[dimension] === TOTAL);
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{dimensionLabel(dimension, m)}</th>
          <th scope="col" class="number">
            {m('cases')}
          </th>
        </tr>
      </thead>
      <tbody>
        {answer.cells.map((cell) => (
          <tr>
            <th scope="row">{categoryLabel(dimension, cell.key[dimension] ?? TOTAL, page.language, m)}</th>
            <Count value={cell.count} withheld={withheld} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{m('total')}</th>
          <Count value={total?.count} withheld={withheld} />
        </tr>
      </tfoot>
    </table>
  );
}

/** Two dimensions: a cross table with its margins. */
function CrossTable(props: { page: PageContext; answer: StatisticsAnswerDto; caption: string }): Html {
  const { page, answer } = props;
  const m = statisticsMessages.in(page.language);
  const withheld = common.in(page.language)('withheld');
  const [rows, columns] = answer.groupBy;
  const entries = [...answer.cells, ...answer.totals];
  const byKey = new Map(entries.map((e) => [keyOf(e, answer.groupBy), e.count]));
  const rowCodes = codesOf(answer.cells, rows);
  const columnCodes = codesOf(answer.cells, columns);
  const label = (dimension: Dimension, code: string) => categoryLabel(dimension, code, page.language, m);
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{`${dimensionLabel(rows, m)} / ${dimensionLabel(columns, m)}`}</th>
          {columnCodes.map((code) => (
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
        {rowCodes.map((row) => (
          <tr>
            <th scope="row">{label(rows, row)}</th>
            {columnCodes.map((column) => (
              <Count value={byKey.get(`${row}|${column}`)} withheld={withheld} />
            ))}
            <Count value={byKey.get(`${row}|${TOTAL}`)} withheld={withheld} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{m('total')}</th>
          {columnCodes.map((column) => (
            <Count value={byKey.get(`${TOTAL}|${column}`)} withheld={withheld} />
          ))}
          <Count value={byKey.get(`${TOTAL}|${TOTAL}`)} withheld={withheld} />
        </tr>
      </tfoot>
    </table>
  );
}

/** Three dimensions: one line a cell, then the grand total. */
function LongTable(props: { page: PageContext; answer: StatisticsAnswerDto; caption: string }): Html {
  const { page, answer } = props;
  const m = statisticsMessages.in(page.language);
  const withheld = common.in(page.language)('withheld');
  const total = answer.totals.find((t) => answer.groupBy.every((d) => t.key[d] === TOTAL));
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {answer.groupBy.map((dimension) => (
            <th scope="col">{dimensionLabel(dimension, m)}</th>
          ))}
          <th scope="col" class="number">
            {m('cases')}
          </th>
        </tr>
      </thead>
      <tbody>
        {answer.cells.map((cell) => (
          <tr>
            {answer.groupBy.map((dimension, index) =>
              index === 0 ? (
                <th scope="row">{categoryLabel(dimension, cell.key[dimension] ?? TOTAL, page.language, m)}</th>
              ) : (
                <td>{categoryLabel(dimension, cell.key[dimension] ?? TOTAL, page.language, m)}</td>
              ),
            )}
            <Count value={cell.count} withheld={withheld} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan={answer.groupBy.length}>
            {m('total')}
          </th>
          <Count value={total?.count} withheld={withheld} />
        </tr>
      </tfoot>
    </table>
  );
}

/** The first dimension's counts (its margins when there are more), as the chart draws them. */
function barsOf(answer: StatisticsAnswerDto, language: Language, m: M): Array<{ label: string; value: number | null }> {
  const [first, ...rest] = answer.groupBy;
  const entries = rest.length
    ? answer.totals.filter((t) => t.key[first] !== TOTAL && rest.every((d) => t.key[d] === TOTAL))
    : answer.cells;
  return entries.map((entry) => ({
    label: categoryLabel(first, entry.key[first] ?? TOTAL, language, m),
    value: entry.count,
  }));
}

function Answer(props: { page: PageContext; answer: StatisticsAnswerDto }): Html {
  const { page, answer } = props;
  const m = statisticsMessages.in(page.language);
  const t = common.in(page.language);
  if (!answer.answered) return <p class="notice warn">{m('not_answered')}</p>;
  const caption = m('caption', { dimensions: answer.groupBy.map((d) => dimensionLabel(d, m)).join(', ') });
  const Table = answer.groupBy.length === 1 ? OneWayTable : answer.groupBy.length === 2 ? CrossTable : LongTable;
  return (
    <Fragment>
      <Table page={page} answer={answer} caption={caption} />
      <p class="hint">{m('withheld_legend')}</p>
      <Folded page={page} folded={answer.folded} />
      <figure>
        <BarChart
          id="counts-chart"
          title={m('chart_title', { dimension: dimensionLabel(answer.groupBy[0], m) })}
          desc={m('chart_desc')}
          bars={barsOf(answer, page.language, m)}
          withheld={t('withheld')}
        />
      </figure>
    </Fragment>
  );
}

export interface StatisticsProps {
  page: PageContext;
  groupBy: readonly string[];
  /** The codes chosen to filter on, by filter, as the GET query gave them. */
  filters: FormValues;
  filterCodes: FilterCodes;
  answer?: StatisticsAnswerDto;
  errors?: FormErrors;
  /** Why the question was not answered when no one field is to blame (too detailed). */
  refusal?: string;
  /** The CTDC download is offered to those who may take it. */
  mayExport: boolean;
}

export function StatisticsPage(props: StatisticsProps): Html {
  const { page, answer } = props;
  const m = statisticsMessages.in(page.language);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      <p>
        <a href="/ui/statistics/timeliness">{m('timeliness_link')}</a>
      </p>
      <h2>{m('question')}</h2>
      <QuestionForm
        page={page}
        groupBy={props.groupBy}
        filters={props.filters}
        filterCodes={props.filterCodes}
        errors={props.errors}
      />
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      {answer ? <Answer page={page} answer={answer} /> : null}
      <ProtectionNote page={page} mode={answer?.mode ?? 'suppression'} threshold={answer?.threshold} />
      {props.mayExport ? (
        <section aria-labelledby="export-title">
          <h2 id="export-title">{m('export_title')}</h2>
          <p>{m('export_text')}</p>
          <p>
            <a class="button" href="/ui/statistics/export" download="panoh-ctdc.csv">
              {m('export_button')}
            </a>
          </p>
        </section>
      ) : null}
    </Layout>
  );
}

const MEASURES: readonly TimelinessMeasure[] = ['identificationToAcceptance', 'referralResponse', 'overdueReferrals'];

export interface TimelinessProps {
  page: PageContext;
  groupBy?: string;
  answer?: TimelinessAnswerDto;
  errors?: FormErrors;
  refusal?: string;
}

export function TimelinessPage(props: TimelinessProps): Html {
  const { page, answer } = props;
  const m = statisticsMessages.in(page.language);
  const t = common.in(page.language);
  const withheld = t('withheld');
  const dimension = answer?.groupBy[0];
  const error = props.errors?.groupBy;
  return (
    <Layout page={page} title={m('timeliness_title')}>
      <h1>{m('timeliness_title')}</h1>
      <p>{m('timeliness_intro')}</p>
      <p>
        <a href="/ui/statistics">{m('counts_link')}</a>
      </p>
      <form method="get" action="/ui/statistics/timeliness" class="filters">
        <div class={error ? 'field has-error' : 'field'}>
          <label for="timeliness-group">{m('break_down_by')}</label>
          {error ? (
            <p class="error" id="timeliness-group-error">
              {error}
            </p>
          ) : null}
          <select
            id="timeliness-group"
            name="groupBy"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'timeliness-group-error' : undefined}
          >
            <option value="">{m('all_together')}</option>
            {TIMELINESS_DIMENSIONS.map((d) => (
              <option value={d} selected={props.groupBy === d}>
                {dimensionLabel(d, m)}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{m('show')}</button>
        </div>
      </form>
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      {answer
        ? MEASURES.map((measure) => {
            const figures = answer.measures[measure];
            const counted = measure === 'overdueReferrals' ? m('count_referrals') : m('count_cases');
            const hasMedian = measure !== 'overdueReferrals';
            return (
              <section aria-labelledby={`measure-${measure}`}>
                <h2 id={`measure-${measure}`}>{m(`measure_${measure}`)}</h2>
                {figures.answered ? (
                  <table>
                    <caption>{m(`measure_${measure}`)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{dimension ? dimensionLabel(dimension, m) : m('category')}</th>
                        <th scope="col" class="number">
                          {counted}
                        </th>
                        {hasMedian ? (
                          <th scope="col" class="number">
                            {m('median_weeks')}
                          </th>
                        ) : null}
                      </tr>
                    </thead>
                    <tbody>
                      {figures.entries.map((entry) => {
                        const code = dimension ? (entry.key[dimension] ?? TOTAL) : TOTAL;
                        return (
                          <tr>
                            <th scope="row">{dimension ? categoryLabel(dimension, code, page.language, m) : m('total')}</th>
                            <Count value={entry.count} withheld={withheld} />
                            {hasMedian ? <Count value={entry.count === null ? null : entry.medianWeeks} withheld={withheld} /> : null}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                ) : (
                  <p class="notice warn">{m('not_answered')}</p>
                )}
              </section>
            );
          })
        : null}
      {answer ? <Folded page={page} folded={answer.folded} /> : null}
      <ProtectionNote page={page} mode="suppression" threshold={answer?.threshold} />
    </Layout>
  );
}
