import type { Choice, FormErrors, FormValues } from '../../../core/web/forms';
import { CheckboxGroup, ErrorSummary, SelectField, TextArea, TextField } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, IdempotencyField, Layout } from '../../../core/web/layout';
import { common } from '../../../core/web/messages';
import type { PageContext } from '../../../core/web/page';
import { DOCUMENT_TYPES, DuplicateOutcome } from '../persons';
import { caseLabels } from './case-labels';
import { DOCUMENT_ROWS, EVENT_ROWS } from './case-form';
import { caseMessages } from './cases.messages';

void Fragment;

/** The outcome of a duplicate check, as the page says it (match, possible match elsewhere, none). */
export interface CheckOutcome {
  outcome: DuplicateOutcome;
  possibleMatchElsewhere: boolean;
}

export interface NewCaseProps {
  page: PageContext;
  /** What the duplicate check was given, and its problems. */
  check?: { values?: FormValues; errors?: FormErrors; refusal?: string };
  /** The check's answer: the register form shows after it. */
  outcome?: CheckOutcome;
  /** The register form, with what was typed and its problems, once it is shown. */
  register?: { values?: FormValues; errors?: FormErrors };
}

/** Registering a person and opening a case: the duplicate check first, then one form for both. */
export function NewCasePage(props: NewCaseProps): Html {
  const { page } = props;
  const m = caseMessages.in(page.language);
  return (
    <Layout page={page} title={m('new_title')}>
      <h1>{m('new_title')}</h1>
      <DuplicateCheckForm page={page} {...(props.check ?? {})} />
      {props.outcome ? <CheckResult page={page} outcome={props.outcome} /> : null}
      {props.register ? <RegisterForm page={page} {...props.register} /> : null}
    </Layout>
  );
}

function DuplicateCheckForm(props: {
  page: PageContext;
  values?: FormValues;
  errors?: FormErrors;
  refusal?: string;
}): Html {
  const { page } = props;
  const m = caseMessages.in(page.language);
  const labels = {
    familyName: m('family_name'),
    givenName: m('given_name'),
    dateOfBirth: m('date_of_birth'),
    documentNumber: m('check_document'),
  };
  return (
    <section aria-labelledby="check-title">
      <h2 id="check-title">{m('check_title')}</h2>
      <p>{m('check_intro')}</p>
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action="/ui/cases/duplicate-check" autocomplete="off">
        <CsrfField page={page} />
        <TextField
          name="documentNumber"
          label={labels.documentNumber}
          values={props.values}
          errors={props.errors}
          maxlength={64}
          identifying
        />
        <TextField
          name="familyName"
          label={labels.familyName}
          hint={m('names_hint')}
          values={props.values}
          errors={props.errors}
          maxlength={200}
          identifying
        />
        <TextField
          name="givenName"
          label={labels.givenName}
          values={props.values}
          errors={props.errors}
          maxlength={200}
          identifying
        />
        <TextField
          name="dateOfBirth"
          label={labels.dateOfBirth}
          hint={m('date_of_birth_hint')}
          values={props.values}
          errors={props.errors}
          maxlength={10}
          identifying
        />
        <div class="actions">
          <button type="submit">{props.values ? m('check_again') : m('check_submit')}</button>
        </div>
      </form>
    </section>
  );
}

function CheckResult(props: { page: PageContext; outcome: CheckOutcome }): Html {
  const m = caseMessages.in(props.page.language);
  const { outcome, possibleMatchElsewhere } = props.outcome;
  const own = outcome === DuplicateOutcome.OwnOrganisation;
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{m('result_title')}</h2>
      <div role="status">
        {own ? <p class="notice warn">{m('result_own')}</p> : null}
        {possibleMatchElsewhere ? <p class="notice warn">{m('result_elsewhere')}</p> : null}
        {outcome === DuplicateOutcome.NoMatch ? <p class="notice ok">{m('result_no_match')}</p> : null}
      </div>
    </section>
  );
}

function RegisterForm(props: { page: PageContext; values?: FormValues; errors?: FormErrors }): Html {
  const { page, values, errors } = props;
  const m = caseMessages.in(page.language);
  const t = common.in(page.language);
  const l = caseLabels(page.language);
  const blank = m('not_given');
  const documentTypes: Choice[] = DOCUMENT_TYPES.map((type) => ({ value: type, label: m(`doc_${type}`) }));
  const labels: Record<string, string> = {
    familyName: m('family_name'),
    givenName: m('given_name'),
    patronymic: m('patronymic'),
    dateOfBirth: m('date_of_birth'),
    phone: m('phone'),
    address: m('address'),
    notes: m('person_notes'),
    registeredOn: m('registered_on'),
    gender: m('gender'),
    ageBand: m('age_band'),
    citizenship: m('citizenship'),
    citizenships: m('other_citizenships'),
    regionOfOrigin: m('region_of_origin'),
    countryOfExploitation: m('country_of_exploitation'),
    labourSector: m('labour_sector'),
    exploitationTypes: m('exploitation_types'),
    meansOfControl: m('means_of_control'),
    recruitmentMethods: m('recruitment_methods'),
    sexExploitationTypes: m('sex_exploitation_types'),
    accompanyingChildren: m('accompanying_children'),
    accompanyingChildrenAgeBands: m('accompanying_children_age_bands'),
    accompanyingDependants: m('accompanying_dependants'),
    narrative: m('narrative'),
    shelterLocation: m('shelter_location'),
    healthNotes: m('health_notes'),
    psychosocialNotes: m('psychosocial_notes'),
  };
  for (let i = 0; i < DOCUMENT_ROWS; i++) {
    const n = m('document_n', { n: i + 1 });
    labels[`identityDocuments[${i}].type`] = `${n}: ${m('document_type')}`;
    labels[`identityDocuments[${i}].number`] = `${n}: ${m('document_number')}`;
    labels[`identityDocuments[${i}].issuingCountry`] = `${n}: ${m('document_country')}`;
  }
  for (let i = 0; i < EVENT_ROWS; i++) {
    const n = m('event_n', { n: i + 1 });
    labels[`events[${i}].type`] = `${n}: ${m('event_type')}`;
    labels[`events[${i}].occurredOn`] = `${n}: ${m('event_when')}`;
    labels[`events[${i}].country`] = `${n}: ${m('event_country')}`;
    labels[`events[${i}].city`] = `${n}: ${m('event_city')}`;
  }
  const field = { values, errors };
  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">{m('register_title')}</h2>
      <p>{m('register_intro')}</p>
      <ErrorSummary page={page} errors={errors} labels={labels} />
      <form method="post" action="/ui/cases/new" autocomplete="off">
        <CsrfField page={page} />
        <IdempotencyField />
        <fieldset>
          <legend>{m('section_person')}</legend>
          <TextField
            name="familyName"
            label={labels.familyName}
            hint={m('names_hint')}
            {...field}
            required
            maxlength={200}
            identifying
          />
          <TextField name="givenName" label={labels.givenName} {...field} required maxlength={200} identifying />
          <TextField name="patronymic" label={labels.patronymic} {...field} maxlength={200} identifying />
          <TextField
            name="dateOfBirth"
            label={labels.dateOfBirth}
            hint={m('date_of_birth_hint')}
            {...field}
            maxlength={10}
            identifying
          />
        </fieldset>
        <fieldset>
          <legend>{m('section_documents')}</legend>
          {Array.from({ length: DOCUMENT_ROWS }, (_, i) => (
            <fieldset>
              <legend>{m('document_n', { n: i + 1 })}</legend>
              <SelectField
                name={`identityDocuments[${i}].type`}
                label={m('document_type')}
                choices={documentTypes}
                blank={blank}
                {...field}
              />
              <TextField
                name={`identityDocuments[${i}].number`}
                label={m('document_number')}
                {...field}
                maxlength={64}
                identifying
              />
              <SelectField
                name={`identityDocuments[${i}].issuingCountry`}
                label={m('document_country')}
                choices={l.country.choices}
                blank={blank}
                {...field}
              />
            </fieldset>
          ))}
        </fieldset>
        <fieldset>
          <legend>{m('section_contact')}</legend>
          <TextField name="phone" label={labels.phone} type="tel" {...field} maxlength={40} identifying />
          <TextArea name="address" label={labels.address} rows={2} {...field} maxlength={500} identifying />
          <TextArea name="notes" label={labels.notes} rows={3} {...field} maxlength={10000} identifying />
        </fieldset>
        <fieldset>
          <legend>{m('section_codes')}</legend>
          <TextField
            name="registeredOn"
            label={labels.registeredOn}
            hint={m('registered_on_hint')}
            type="date"
            {...field}
          />
          <SelectField name="gender" label={labels.gender} choices={l.gender.choices} blank={blank} {...field} />
          <SelectField name="ageBand" label={labels.ageBand} choices={l.ageBand.choices} blank={blank} {...field} />
          <SelectField
            name="citizenship"
            label={labels.citizenship}
            choices={l.country.choices}
            blank={blank}
            {...field}
          />
          <CheckboxGroup name="citizenships" label={labels.citizenships} choices={l.country.choices} {...field} />
          <SelectField
            name="regionOfOrigin"
            label={labels.regionOfOrigin}
            choices={l.region.choices}
            blank={blank}
            {...field}
          />
          <SelectField
            name="countryOfExploitation"
            label={labels.countryOfExploitation}
            choices={l.country.choices}
            blank={blank}
            {...field}
          />
          <SelectField
            name="labourSector"
            label={labels.labourSector}
            choices={l.labourSector.choices}
            blank={blank}
            {...field}
          />
          <CheckboxGroup
            name="exploitationTypes"
            label={labels.exploitationTypes}
            choices={l.exploitationType.choices}
            {...field}
          />
          <CheckboxGroup
            name="meansOfControl"
            label={labels.meansOfControl}
            choices={l.meansOfControl.choices}
            {...field}
          />
          <CheckboxGroup
            name="recruitmentMethods"
            label={labels.recruitmentMethods}
            choices={l.recruitmentMethod.choices}
            {...field}
          />
          <CheckboxGroup
            name="sexExploitationTypes"
            label={labels.sexExploitationTypes}
            choices={l.sexExploitationType.choices}
            {...field}
          />
          <TextField name="accompanyingChildren" label={labels.accompanyingChildren} type="number" {...field} />
          <CheckboxGroup
            name="accompanyingChildrenAgeBands"
            label={labels.accompanyingChildrenAgeBands}
            choices={l.childAgeBand.choices}
            {...field}
          />
          <TextField name="accompanyingDependants" label={labels.accompanyingDependants} type="number" {...field} />
        </fieldset>
        <fieldset>
          <legend>{m('section_events')}</legend>
          {Array.from({ length: EVENT_ROWS }, (_, i) => (
            <fieldset>
              <legend>{m('event_n', { n: i + 1 })}</legend>
              <SelectField
                name={`events[${i}].type`}
                label={m('event_type')}
                choices={l.eventType.choices}
                blank={blank}
                {...field}
              />
              <TextField
                name={`events[${i}].occurredOn`}
                label={m('event_when')}
                hint={m('event_when_hint')}
                {...field}
                maxlength={10}
              />
              <SelectField
                name={`events[${i}].country`}
                label={m('event_country')}
                choices={l.country.choices}
                blank={blank}
                {...field}
              />
              <TextField name={`events[${i}].city`} label={m('event_city')} {...field} maxlength={200} identifying />
            </fieldset>
          ))}
        </fieldset>
        <fieldset>
          <legend>{m('section_notes')}</legend>
          <TextArea
            name="narrative"
            label={labels.narrative}
            hint={m('narrative_hint')}
            rows={8}
            {...field}
            maxlength={20000}
            identifying
          />
          <TextField name="shelterLocation" label={labels.shelterLocation} {...field} maxlength={500} identifying />
          <TextArea name="healthNotes" label={labels.healthNotes} rows={3} {...field} maxlength={10000} identifying />
          <TextArea
            name="psychosocialNotes"
            label={labels.psychosocialNotes}
            rows={3}
            {...field}
            maxlength={10000}
            identifying
          />
        </fieldset>
        <div class="actions">
          <button type="submit">{m('register_submit')}</button>
          <a href="/ui/cases">{t('cancel')}</a>
        </div>
      </form>
    </section>
  );
}
