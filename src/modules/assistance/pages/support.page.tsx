import {
  Choice,
  ErrorSummary,
  FormErrors,
  FormValues,
  SelectField,
  TextArea,
  TextField,
} from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, Layout } from '../../../core/web/layout';
import { common } from '../../../core/web/messages';
import type { PageContext } from '../../../core/web/page';
import { codeChoices, codeLabel } from '../../cases/code-lists';
import type { AssistanceItemView } from '../assistance-views';
import { supportMessages } from './support.messages';

void Fragment;

/** The form's names of a delivery's fields for item `itemId`. */
export function deliveryFieldsOf(itemId: string): { status: string; actualStart: string; actualEnd: string } {
  return { status: `status-${itemId}`, actualStart: `actualStart-${itemId}`, actualEnd: `actualEnd-${itemId}` };
}

/** The statuses an item may be moved to when its delivery is recorded. */
const DELIVERY_STATUSES = ['in_progress', 'delivered', 'cancelled'];

function BackToCase(props: { page: PageContext; caseId: string }): Html {
  return (
    <p>
      <a href={`/ui/cases/${props.caseId}`}>{supportMessages.in(props.page.language)('back_to_case')}</a>
    </p>
  );
}

export interface SupportPageProps {
  page: PageContext;
  caseId: string;
  items: AssistanceItemView[];
  /** Organisation names by id, for the providers of the items. */
  names: Map<string, string>;
  providers: Choice[];
  notice?: string;
  /** The plan's objectives and action plan: the owner's alone (absent for any other view). */
  texts?: PlanTextsFormProps;
}

export interface PlanTextsFormProps {
  version: number | string;
  values: FormValues;
  errors?: FormErrors;
  notice?: string;
}

/** The plan's objectives and action plan (HTCDS spl_Objectives, spl_ActionPlan), changed as the case is. */
function PlanTextsForm(props: PlanTextsFormProps & { page: PageContext; caseId: string }): Html {
  const { page } = props;
  const s = supportMessages.in(page.language);
  const labels = { supportObjectives: s('support_objectives'), actionPlan: s('action_plan') };
  return (
    <section aria-labelledby="plan-texts-title">
      <h2 id="plan-texts-title">{s('plan_texts_title')}</h2>
      {props.notice ? (
        <p class="notice" role="alert">
          {props.notice}
        </p>
      ) : null}
      <form method="post" action={`/ui/cases/${props.caseId}/support/objectives`}>
        <ErrorSummary page={page} errors={props.errors} labels={labels} />
        <CsrfField page={page} />
        <input type="hidden" name="version" value={String(props.version)} />
        <TextArea
          name="supportObjectives"
          label={labels.supportObjectives}
          values={props.values}
          errors={props.errors}
          maxlength={10000}
          rows={4}
        />
        <TextArea
          name="actionPlan"
          label={labels.actionPlan}
          values={props.values}
          errors={props.errors}
          maxlength={10000}
          rows={6}
        />
        <div class="actions">
          <button type="submit">{s('plan_texts_button')}</button>
        </div>
      </form>
    </section>
  );
}

/** The objectives and action plan refused on saving: the form again, alone. */
export function PlanTextsPage(props: PlanTextsFormProps & { page: PageContext; caseId: string }): Html {
  const s = supportMessages.in(props.page.language);
  return (
    <Layout page={props.page} title={s('plan_texts_title')}>
      <h1>{s('plan_texts_title')}</h1>
      <BackToCase page={props.page} caseId={props.caseId} />
      <p>
        <a href={`/ui/cases/${props.caseId}/support`}>{s('support_title')}</a>
      </p>
      <PlanTextsForm {...props} />
    </Layout>
  );
}

export function SupportPage(props: SupportPageProps): Html {
  const { page, caseId } = props;
  const s = supportMessages.in(page.language);
  const t = common.in(page.language);
  const span = (from: string | null, to: string | null) =>
    from || to ? s('period', { from: from ?? '…', to: to ?? '…' }) : t('none');
  return (
    <Layout page={page} title={s('support_title')}>
      <h1>{s('support_title')}</h1>
      <BackToCase page={page} caseId={caseId} />
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.texts ? <PlanTextsForm page={page} caseId={caseId} {...props.texts} /> : null}
      {props.items.length ? (
        <table>
          <caption>{s('items')}</caption>
          <thead>
            <tr>
              <th scope="col">{s('type')}</th>
              <th scope="col">{s('provider')}</th>
              <th scope="col">{s('status')}</th>
              <th scope="col">{s('planned')}</th>
              <th scope="col">{s('actual')}</th>
              <th scope="col">{s('notes')}</th>
              <th scope="col">{s('col_change')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr>
                <th scope="row">{codeLabel('assistanceType', item.type, page.language)}</th>
                <td>{props.names.get(item.providerOrganisationId) ?? t('unknown')}</td>
                <td>{codeLabel('assistanceStatus', item.status, page.language)}</td>
                <td>{span(item.plannedStart, item.plannedEnd)}</td>
                <td>{span(item.actualStart, item.actualEnd)}</td>
                <td>{item.notes ?? ''}</td>
                <td>
                  <a href={`/ui/cases/${caseId}/support/${item.id}/plan`}>{s('plan_link')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Fragment>
          <h2>{s('items')}</h2>
          <p>{s('none_yet')}</p>
        </Fragment>
      )}
      {props.items
        .filter((item) => item.status === 'planned' || item.status === 'in_progress')
        .map((item) => (
          <section aria-label={`${s('delivery_title')}: ${codeLabel('assistanceType', item.type, page.language)}`}>
            <h2>{`${s('delivery_title')}: ${codeLabel('assistanceType', item.type, page.language)}`}</h2>
            <DeliveryForm
              page={page}
              caseId={caseId}
              itemId={item.id}
              version={item.version}
              values={{ [deliveryFieldsOf(item.id).actualStart]: item.actualStart ?? undefined }}
            />
          </section>
        ))}
      <h2>{s('add_title')}</h2>
      <AddForm page={page} caseId={caseId} providers={props.providers} />
    </Layout>
  );
}

interface AddFormProps {
  page: PageContext;
  caseId: string;
  providers: Choice[];
  values?: FormValues;
  errors?: FormErrors;
}

function addLabels(page: PageContext): Record<string, string> {
  const s = supportMessages.in(page.language);
  return {
    type: s('type'),
    providerOrganisationId: s('provider'),
    status: s('status'),
    plannedStart: s('planned_start'),
    plannedEnd: s('planned_end'),
    notes: s('notes'),
  };
}

function AddForm(props: AddFormProps): Html {
  const { page } = props;
  const s = supportMessages.in(page.language);
  const labels = addLabels(page);
  return (
    <form method="post" action={`/ui/cases/${props.caseId}/support`}>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <CsrfField page={page} />
      <SelectField
        name="type"
        label={labels.type}
        choices={codeChoices('assistanceType', page.language)}
        blank=""
        values={props.values}
        errors={props.errors}
        required
      />
      <SelectField
        name="providerOrganisationId"
        label={labels.providerOrganisationId}
        hint={s('provider_hint')}
        choices={props.providers}
        blank={s('provider_own')}
        values={props.values}
        errors={props.errors}
      />
      <TextField
        name="plannedStart"
        label={labels.plannedStart}
        type="date"
        values={props.values}
        errors={props.errors}
      />
      <TextField name="plannedEnd" label={labels.plannedEnd} type="date" values={props.values} errors={props.errors} />
      <TextArea
        name="notes"
        label={labels.notes}
        values={props.values}
        errors={props.errors}
        maxlength={4000}
        rows={3}
      />
      <div class="actions">
        <button type="submit">{s('add_button')}</button>
      </div>
    </form>
  );
}

/** An item refused on adding: the form again, alone. */
export function AddItemPage(props: AddFormProps): Html {
  const s = supportMessages.in(props.page.language);
  return (
    <Layout page={props.page} title={s('add_title')}>
      <h1>{s('add_title')}</h1>
      <BackToCase page={props.page} caseId={props.caseId} />
      <p>
        <a href={`/ui/cases/${props.caseId}/support`}>{s('support_title')}</a>
      </p>
      <AddForm {...props} />
    </Layout>
  );
}

interface DeliveryFormProps {
  page: PageContext;
  caseId: string;
  itemId: string;
  version: number | string;
  values?: FormValues;
  errors?: FormErrors;
}

function DeliveryForm(props: DeliveryFormProps): Html {
  const { page } = props;
  const s = supportMessages.in(page.language);
  // Field names carry the item, so that the fields of several items on one page stay apart.
  const name = deliveryFieldsOf(props.itemId);
  const labels = {
    [name.status]: s('status'),
    [name.actualStart]: s('actual_start'),
    [name.actualEnd]: s('actual_end'),
  };
  return (
    <form method="post" action={`/ui/cases/${props.caseId}/support/${props.itemId}`}>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <CsrfField page={page} />
      <p class="hint">{s('delivery_intro')}</p>
      <input type="hidden" name="version" value={String(props.version)} />
      <SelectField
        name={name.status}
        label={labels[name.status]}
        choices={codeChoices('assistanceStatus', page.language, DELIVERY_STATUSES)}
        values={props.values}
        errors={props.errors}
        required
      />
      <TextField
        name={name.actualStart}
        label={labels[name.actualStart]}
        type="date"
        values={props.values}
        errors={props.errors}
      />
      <TextField
        name={name.actualEnd}
        label={labels[name.actualEnd]}
        type="date"
        values={props.values}
        errors={props.errors}
      />
      <div class="actions">
        <button type="submit">{s('delivery_button')}</button>
      </div>
    </form>
  );
}

/** A delivery refused: its form again, alone, with what was typed. */
export function DeliveryPage(props: DeliveryFormProps & { notice?: string }): Html {
  const s = supportMessages.in(props.page.language);
  return (
    <Layout page={props.page} title={s('delivery_title')}>
      <h1>{s('delivery_title')}</h1>
      <BackToCase page={props.page} caseId={props.caseId} />
      <p>
        <a href={`/ui/cases/${props.caseId}/support`}>{s('support_title')}</a>
      </p>
      {props.notice ? (
        <p class="notice warn" role="alert">
          {props.notice}
        </p>
      ) : (
        <DeliveryForm {...props} />
      )}
    </Layout>
  );
}

export interface PlanFormProps {
  page: PageContext;
  caseId: string;
  itemId: string;
  version: number | string;
  values?: FormValues;
  errors?: FormErrors;
  notice?: string;
}

/** An item's planned days and notes, changed (PATCH in the API, with the version read). */
export function PlanPage(props: PlanFormProps): Html {
  const { page } = props;
  const s = supportMessages.in(page.language);
  const labels = { plannedStart: s('planned_start'), plannedEnd: s('planned_end'), notes: s('notes') };
  return (
    <Layout page={page} title={s('plan_title')}>
      <h1>{s('plan_title')}</h1>
      <BackToCase page={page} caseId={props.caseId} />
      <p>
        <a href={`/ui/cases/${props.caseId}/support`}>{s('support_title')}</a>
      </p>
      {props.notice ? (
        <p class="notice warn" role="alert">
          {props.notice}
        </p>
      ) : (
        <form method="post" action={`/ui/cases/${props.caseId}/support/${props.itemId}/plan`}>
          <ErrorSummary page={page} errors={props.errors} labels={labels} />
          <CsrfField page={page} />
          <input type="hidden" name="version" value={String(props.version)} />
          <TextField
            name="plannedStart"
            label={labels.plannedStart}
            type="date"
            values={props.values}
            errors={props.errors}
          />
          <TextField
            name="plannedEnd"
            label={labels.plannedEnd}
            type="date"
            values={props.values}
            errors={props.errors}
          />
          <TextArea
            name="notes"
            label={labels.notes}
            values={props.values}
            errors={props.errors}
            maxlength={4000}
            rows={3}
          />
          <div class="actions">
            <button type="submit">{s('plan_button')}</button>
          </div>
        </form>
      )}
    </Layout>
  );
}
