import type { FormErrors, FormValues } from '../../../../core/web/forms';
import { ErrorSummary, TextField } from '../../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../../core/web/jsx';
import { CsrfField, Layout } from '../../../../core/web/layout';
import type { PageContext } from '../../../../core/web/page';
import { labelledList } from '../../code-lists';
import type { CaseSearchHitDto } from '../dto/case-search.dto';
import { searchMessages } from './search.messages';

void Fragment;

export interface SearchPageProps {
  page: PageContext;
  values?: FormValues;
  errors?: FormErrors;
  /** Absent before a search; the results of the search just posted. */
  results?: CaseSearchHitDto[];
}

/**
 * The search form and, on the answer to its POST, the cases found. What was typed travels only in the
 * form's body; the result links carry case ids only.
 */
export function SearchPage(props: SearchPageProps): Html {
  const { page } = props;
  const m = searchMessages.in(page.language);
  const stage = labelledList('stage', page.language);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      <ErrorSummary page={page} errors={props.errors} labels={{ query: m('field_query') }} />
      <form method="post" action="/ui/search" class="filters" role="search">
        <CsrfField page={page} />
        <TextField
          name="query"
          label={m('field_query')}
          values={props.values}
          errors={props.errors}
          maxlength={200}
          required
          identifying
        />
        <div class="actions">
          <button type="submit">{m('submit')}</button>
        </div>
      </form>
      {props.results === undefined ? null : props.results.length === 0 ? (
        <p class="notice" role="status">
          {m('none')}
        </p>
      ) : (
        <table>
          <caption>{m('results_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_reference')}</th>
              <th scope="col">{m('col_person')}</th>
              <th scope="col">{m('col_stage')}</th>
              <th scope="col">{m('col_access')}</th>
              <th scope="col">{m('col_matches')}</th>
            </tr>
          </thead>
          <tbody>
            {props.results.map((hit) => (
              <tr>
                <th scope="row">
                  <a href={`/ui/cases/${hit.id}`}>{hit.reference}</a>
                </th>
                <td>
                  {hit.familyName === null ? (
                    <span class="withheld">{m('person_erased')}</span>
                  ) : (
                    `${hit.familyName} ${hit.givenName ?? ''}`.trim()
                  )}
                </td>
                <td>{stage.label(hit.stage)}</td>
                <td>{m(`view_${hit.view}`)}</td>
                <td>{String(hit.matches)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
