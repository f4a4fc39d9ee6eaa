import { ErrorSummary, FormErrors, FormValues, SelectField, TextField } from '../../../core/web/forms';
import type { Language } from '../../../core/web/i18n';
import { Html, jsx } from '../../../core/web/jsx';
import { CsrfField, Layout } from '../../../core/web/layout';
import type { PageContext } from '../../../core/web/page';
import { codeLabel } from '../../cases/code-lists';
import type { OrganisationDto } from '../dto/create-organisation.dto';
import { ORGANISATION_TYPES, TJ_REGIONS } from '../organisation-codes';
import { ORGANISATION_KINDS } from '../organisation-kinds';
import { organisationMessages } from './organisations.messages';

type T = ReturnType<typeof organisationMessages.in>;

export const typeLabel = (type: string, m: T): string => m(`type_${type as 'NGO'}`);
export const kindLabel = (kind: string, m: T): string => m(`kind_${kind as 'service'}`);
export const regionLabel = (region: string, language: Language): string => codeLabel('region', region, language) ?? region;

export interface OrganisationsProps {
  page: PageContext;
  organisations: readonly OrganisationDto[];
  values?: FormValues;
  errors?: FormErrors;
  notice?: string;
}

export function OrganisationsPage(props: OrganisationsProps): Html {
  const { page } = props;
  const m = organisationMessages.in(page.language);
  const labels = { name: m('name'), type: m('type'), kind: m('kind'), region: m('region') };
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.organisations.length ? (
        <table>
          <caption>{m('list_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.name}</th>
              <th scope="col">{labels.type}</th>
              <th scope="col">{labels.kind}</th>
              <th scope="col">{labels.region}</th>
              <th scope="col">{m('created_at')}</th>
            </tr>
          </thead>
          <tbody>
            {props.organisations.map((organisation) => (
              <tr>
                <th scope="row">{organisation.name}</th>
                <td>{typeLabel(organisation.type, m)}</td>
                <td>{kindLabel(organisation.kind, m)}</td>
                <td>{regionLabel(organisation.region, page.language)}</td>
                <td>{organisation.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="notice">{m('none_yet')}</p>
      )}
      <h2>{m('create_title')}</h2>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action="/ui/organisations">
        <CsrfField page={page} />
        <TextField name="name" label={labels.name} values={props.values} errors={props.errors} required maxlength={200} />
        <SelectField
          name="type"
          label={labels.type}
          values={props.values}
          errors={props.errors}
          required
          choices={ORGANISATION_TYPES.map((type) => ({ value: type, label: typeLabel(type, m) }))}
        />
        <SelectField
          name="kind"
          label={labels.kind}
          hint={m('kind_hint')}
          values={props.values}
          errors={props.errors}
          blank={m('kind_default')}
          choices={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind, m) }))}
        />
        <SelectField
          name="region"
          label={labels.region}
          values={props.values}
          errors={props.errors}
          required
          choices={TJ_REGIONS.map((region) => ({ value: region, label: regionLabel(region, page.language) }))}
        />
        <div class="actions">
          <button type="submit">{m('create')}</button>
        </div>
      </form>
    </Layout>
  );
}
