import { CheckboxGroup, ErrorSummary, FormErrors, FormValues, SelectField, TextArea, TextField } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, Layout } from '../../../core/web/layout';
import { shownDay } from '../../../core/web/moments';
import type { PageContext } from '../../../core/web/page';
import { codeChoices, codeLabel } from '../../cases/code-lists';
import { DOCUMENT_TYPES } from '../../cases/persons';
import type { PerpetratorView, ProceedingView } from '../investigation-views';
import { investigationMessages } from './investigation.messages';
import { documentRowsOf, MAX_DOCUMENT_ROWS } from './perpetrator-form';

void Fragment;

type Part = 'perpetrators' | 'proceedings';

function PartsNav(props: { page: PageContext; caseId: string; current: Part }): Html {
  const m = investigationMessages.in(props.page.language);
  const base = `/ui/cases/${props.caseId}/investigation`;
  return (
    <Fragment>
      <p>
        <a href={`/ui/cases/${props.caseId}`}>{m('back_to_case')}</a>
      </p>
      <nav aria-label={m('parts_label')} class="tabs">
        <ul>
          <li>
            <a href={base} aria-current={props.current === 'perpetrators' ? 'page' : undefined}>
              {m('perpetrators')}
            </a>
          </li>
          <li>
            <a href={`${base}/proceedings`} aria-current={props.current === 'proceedings' ? 'page' : undefined}>
              {m('proceedings')}
            </a>
          </li>
        </ul>
      </nav>
    </Fragment>
  );
}

function Notice(props: { text?: string }): Html {
  return props.text ? (
    <p class="notice ok" role="status">
      {props.text}
    </p>
  ) : (
    <Fragment />
  );
}

const label = (page: PageContext, list: string, code: string | null): string =>
  code ? codeLabel(list, code, page.language) : '';

export interface PerpetratorsProps {
  page: PageContext;
  caseId: string;
  perpetrators: PerpetratorView[];
  /** The caller records (an investigator); otherwise it reads (the owner's manager). */
  writes: boolean;
  notice?: string;
}

/** The perpetrators of a case, with the forms that record a perpetrator and a step of the proceedings. */
export function PerpetratorsPage(props: PerpetratorsProps): Html {
  const { page } = props;
  const m = investigationMessages.in(page.language);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <PartsNav page={page} caseId={props.caseId} current="perpetrators" />
      <Notice text={props.notice} />
      <h2>{m('perpetrators')}</h2>
      {props.perpetrators.length === 0 ? (
        <p>{m('perpetrators_empty')}</p>
      ) : (
        <table>
          <caption>{m('perpetrators_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_number')}</th>
              <th scope="col">{m('col_name')}</th>
              <th scope="col">{m('col_roles')}</th>
              <th scope="col">{m('col_gender')}</th>
              <th scope="col">{m('col_nationality')}</th>
              <th scope="col">{m('col_born')}</th>
              <th scope="col">{m('col_details')}</th>
              <th scope="col">{m('col_recorded')}</th>
              {props.writes ? <th scope="col">{m('col_change')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.perpetrators.map((p, index) => (
              <tr>
                <td>{index + 1}</td>
                <th scope="row">
                  {p.name ?? <span class="withheld">{m('unnamed')}</span>}
                  {p.aliases.length ? <span class="aliases">{` (${p.aliases.join(', ')})`}</span> : null}
                </th>
                <td>{p.roles.map((r) => codeLabel('perpetratorRole', r, page.language)).join(', ')}</td>
                <td>{label(page, 'gender', p.gender)}</td>
                <td>{label(page, 'country', p.nationality)}</td>
                <td>{p.dateOfBirth ?? ''}</td>
                <td class="referral-text">{[p.roleDetails, p.description].filter(Boolean).join('\n\n')}</td>
                <td>{shownDay(p.createdAt)}</td>
                {props.writes ? (
                  <td>
                    <a
                      href={`/ui/cases/${props.caseId}/investigation/perpetrators/${p.id}`}
                      aria-label={`${m('change')}: ${index + 1}`}
                    >
                      {m('change')}
                    </a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.writes ? (
        <Fragment>
          <PerpetratorForm page={page} caseId={props.caseId} />
          <ProceedingForm page={page} caseId={props.caseId} perpetrators={props.perpetrators} />
        </Fragment>
      ) : (
        <p>{m('read_only')}</p>
      )}
    </Layout>
  );
}

export interface ProceedingsProps {
  page: PageContext;
  caseId: string;
  proceedings: ProceedingView[];
  writes: boolean;
  notice?: string;
}

/** The steps of the criminal proceedings of a case. */
export function ProceedingsPage(props: ProceedingsProps): Html {
  const { page } = props;
  const m = investigationMessages.in(page.language);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <PartsNav page={page} caseId={props.caseId} current="proceedings" />
      <Notice text={props.notice} />
      <h2>{m('proceedings')}</h2>
      {props.proceedings.length === 0 ? (
        <p>{m('proceedings_empty')}</p>
      ) : (
        <table>
          <caption>{m('proceedings_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_kind')}</th>
              <th scope="col">{m('col_opened')}</th>
              <th scope="col">{m('col_closed')}</th>
              <th scope="col">{m('col_outcome')}</th>
              <th scope="col">{m('col_perpetrators')}</th>
              <th scope="col">{m('col_reference')}</th>
              <th scope="col">{m('col_notes')}</th>
              {props.writes ? <th scope="col">{m('col_change')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.proceedings.map((p) => (
              <tr>
                <th scope="row">{codeLabel('proceedingKind', p.kind, page.language)}</th>
                <td>{p.openedOn}</td>
                <td>{p.closedOn ?? ''}</td>
                <td>{label(page, 'proceedingOutcome', p.outcome)}</td>
                <td class="number">{p.perpetratorIds.length}</td>
                <td>{p.referenceNumber ?? ''}</td>
                <td class="referral-text">{p.notes ?? ''}</td>
                {props.writes ? (
                  <td>
                    <a href={`/ui/cases/${props.caseId}/investigation/proceedings/${p.id}`}>{m('change')}</a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.writes ? (
        <p>
          <a href={`/ui/cases/${props.caseId}/investigation#add-proceeding`}>{m('add_proceeding')}</a>
        </p>
      ) : (
        <p>{m('read_only')}</p>
      )}
    </Layout>
  );
}

interface FormProps {
  page: PageContext;
  caseId: string;
  values?: FormValues;
  errors?: FormErrors;
  /** A change of a record read at `version` (the form posts to the record's own address). */
  change?: { id: string; version: string };
  notice?: string;
}

/** The version read, for the API's optimistic check, and a refusal's notice (a record changed meanwhile). */
function ChangeOf(props: FormProps): Html {
  return (
    <Fragment>
      {props.change ? <input type="hidden" name="version" value={props.change.version} /> : null}
    </Fragment>
  );
}

function Warning(props: { text?: string }): Html {
  return props.text ? (
    <p class="notice warn" role="alert">
      {props.text}
    </p>
  ) : (
    <Fragment />
  );
}

export function perpetratorLabels(page: PageContext): Record<string, string> {
  const m = investigationMessages.in(page.language);
  const labels: Record<string, string> = {
    roles: m('field_roles'),
    name: m('field_name'),
    aliases: m('field_aliases'),
    dateOfBirth: m('field_born'),
    gender: m('field_gender'),
    nationality: m('field_nationality'),
    roleDetails: m('field_details'),
    description: m('field_description'),
  };
  for (let i = 0; i < MAX_DOCUMENT_ROWS; i++) {
    const n = m('document_n', { n: i + 1 });
    labels[`identityDocuments[${i}].type`] = `${n}: ${m('document_type')}`;
    labels[`identityDocuments[${i}].number`] = `${n}: ${m('document_number')}`;
    labels[`identityDocuments[${i}].issuingCountry`] = `${n}: ${m('document_country')}`;
  }
  return labels;
}

export function PerpetratorForm(props: FormProps): Html {
  const { page } = props;
  const m = investigationMessages.in(page.language);
  const labels = perpetratorLabels(page);
  const base = `/ui/cases/${props.caseId}/investigation/perpetrators`;
  const documentTypes = DOCUMENT_TYPES.map((type) => ({ value: type, label: m(`doc_${type}`) }));
  return (
    <section aria-labelledby="add-perpetrator">
      <h2 id="add-perpetrator">{props.change ? m('edit_perpetrator') : m('add_perpetrator')}</h2>
      <Warning text={props.notice} />
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action={props.change ? `${base}/${props.change.id}` : base} autocomplete="off">
        <CsrfField page={page} />
        <ChangeOf {...props} />
        <CheckboxGroup
          name="roles"
          label={labels.roles}
          choices={codeChoices('perpetratorRole', page.language)}
          values={props.values}
          errors={props.errors}
        />
        <TextField name="name" label={labels.name} values={props.values} errors={props.errors} maxlength={300} identifying />
        <TextArea name="aliases" label={labels.aliases} rows={3} values={props.values} errors={props.errors} identifying />
        <TextField
          name="dateOfBirth"
          label={labels.dateOfBirth}
          values={props.values}
          errors={props.errors}
          maxlength={10}
          identifying
        />
        <fieldset>
          <legend>{m('documents')}</legend>
          <input type="hidden" name="documentRows" value={documentRowsOf(props.values)} />
          {Array.from({ length: documentRowsOf(props.values) }, (_, i) => (
            <fieldset>
              <legend>{m('document_n', { n: i + 1 })}</legend>
              <SelectField
                name={`identityDocuments[${i}].type`}
                label={m('document_type')}
                blank={m('not_known')}
                choices={documentTypes}
                values={props.values}
                errors={props.errors}
              />
              <TextField
                name={`identityDocuments[${i}].number`}
                label={m('document_number')}
                values={props.values}
                errors={props.errors}
                maxlength={64}
                identifying
              />
              <SelectField
                name={`identityDocuments[${i}].issuingCountry`}
                label={m('document_country')}
                blank={m('not_known')}
                choices={codeChoices('country', page.language)}
                values={props.values}
                errors={props.errors}
              />
            </fieldset>
          ))}
        </fieldset>
        <SelectField
          name="gender"
          label={labels.gender}
          blank={m('not_known')}
          choices={codeChoices('gender', page.language)}
          values={props.values}
          errors={props.errors}
        />
        <SelectField
          name="nationality"
          label={labels.nationality}
          blank={m('not_known')}
          choices={codeChoices('country', page.language)}
          values={props.values}
          errors={props.errors}
        />
        <TextArea name="roleDetails" label={labels.roleDetails} values={props.values} errors={props.errors} maxlength={4000} identifying />
        <TextArea name="description" label={labels.description} values={props.values} errors={props.errors} maxlength={4000} identifying />
        <div class="actions">
          <button type="submit">{props.change ? m('save_changes') : m('save_perpetrator')}</button>
        </div>
      </form>
    </section>
  );
}

export function proceedingLabels(page: PageContext): Record<string, string> {
  const m = investigationMessages.in(page.language);
  return {
    kind: m('field_kind'),
    openedOn: m('field_opened'),
    closedOn: m('field_closed'),
    outcome: m('field_outcome'),
    perpetratorIds: m('field_perpetrators'),
    referenceNumber: m('field_reference'),
    notes: m('field_notes'),
  };
}

/**
 * A step of the proceedings. The perpetrators it concerns are offered by number and name when the
 * page has read them; a refused form keeps those chosen without reading them again.
 */
export function ProceedingForm(props: FormProps & { perpetrators?: PerpetratorView[] }): Html {
  const { page } = props;
  const m = investigationMessages.in(page.language);
  const labels = proceedingLabels(page);
  const chosen = props.values?.perpetratorIds;
  const kept = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
  const base = `/ui/cases/${props.caseId}/investigation/proceedings`;
  const kind = props.values?.kind;
  return (
    <section aria-labelledby="add-proceeding">
      <h2 id="add-proceeding">{props.change ? m('edit_proceeding') : m('add_proceeding')}</h2>
      <Warning text={props.notice} />
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action={props.change ? `${base}/${props.change.id}` : base} autocomplete="off">
        <CsrfField page={page} />
        <ChangeOf {...props} />
        {props.change ? (
          // The kind of a step stays what it was recorded as (the API changes the rest).
          <p>
            {`${labels.kind}: ${typeof kind === 'string' ? codeLabel('proceedingKind', kind, page.language) : ''}`}
            <input type="hidden" name="kind" value={typeof kind === 'string' ? kind : ''} />
          </p>
        ) : (
          <SelectField
            name="kind"
            label={labels.kind}
            blank={m('not_known')}
            choices={codeChoices('proceedingKind', page.language)}
            values={props.values}
            errors={props.errors}
            required
          />
        )}
        <TextField name="openedOn" label={labels.openedOn} type="date" values={props.values} errors={props.errors} required />
        <TextField name="closedOn" label={labels.closedOn} type="date" values={props.values} errors={props.errors} />
        <SelectField
          name="outcome"
          label={labels.outcome}
          blank={m('not_known')}
          choices={codeChoices('proceedingOutcome', page.language)}
          values={props.values}
          errors={props.errors}
        />
        {props.perpetrators ? (
          props.perpetrators.length ? (
            <CheckboxGroup
              name="perpetratorIds"
              label={labels.perpetratorIds}
              choices={props.perpetrators.map((p, index) => ({
                value: p.id,
                label: `${index + 1}. ${p.name ?? m('unnamed')}`,
              }))}
              values={props.values}
              errors={props.errors}
            />
          ) : null
        ) : kept.length ? (
          <p>
            {m('perpetrators_chosen', { count: kept.length })}
            {kept.map((id) => (
              <input type="hidden" name="perpetratorIds" value={id} />
            ))}
          </p>
        ) : null}
        <TextField
          name="referenceNumber"
          label={labels.referenceNumber}
          values={props.values}
          errors={props.errors}
          maxlength={100}
          identifying
        />
        <TextArea name="notes" label={labels.notes} values={props.values} errors={props.errors} maxlength={4000} identifying />
        <div class="actions">
          <button type="submit">{props.change ? m('save_changes') : m('save_proceeding')}</button>
        </div>
      </form>
    </section>
  );
}

/** A refused form alone: what was typed and each problem beside its field, nothing read again. */
export function InvestigationFormPage(props: FormProps & { form: 'perpetrator' | 'proceeding' }): Html {
  const m = investigationMessages.in(props.page.language);
  return (
    <Layout page={props.page} title={m('title')}>
      <h1>{m('title')}</h1>
      <PartsNav page={props.page} caseId={props.caseId} current="perpetrators" />
      {props.form === 'perpetrator' ? <PerpetratorForm {...props} /> : <ProceedingForm {...props} />}
    </Layout>
  );
}
