import { ErrorSummary, FormErrors, FormValues, SelectField, TextArea, TextField } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, IdempotencyField, Layout } from '../../../core/web/layout';
import { shownDay, shownMoment } from '../../../core/web/moments';
import type { PageContext } from '../../../core/web/page';
import type { SendingChoices } from '../case-referrals.service';
import type { ReferralViewDto } from '../dto/referral-view.dto';
import { REFERRAL_PURPOSES } from '../referral.entity';
import { purposeOf, StatusOf } from './referral.page';
import { referralMessages } from './referrals.messages';

void Fragment;

export interface CaseReferralsProps {
  page: PageContext;
  caseId: string;
  /** Absent on a refused form: the refusal reads no more than sending did. */
  referrals?: ReferralViewDto[];
  choices: SendingChoices;
  values?: FormValues;
  errors?: FormErrors;
  notice?: string;
  /** Why the referral was refused, when no one field is at fault. */
  refusal?: string;
}

/**
 * The referrals of a case and the form that sends one. The purposes and consents offered are those
 * panoh_consent_coverage says a live consent covers (SendingChoices.covered); the page decides none.
 */
export function CaseReferralsPage(props: CaseReferralsProps): Html {
  const { page, choices } = props;
  const m = referralMessages.in(page.language);
  const names = new Map(choices.recipients.map((r) => [r.id, r.name]));
  const purposes = REFERRAL_PURPOSES.filter((p) => choices.covered.some((c) => c.purpose === p));
  const consents = [...new Map(choices.covered.map((c) => [c.consentId, c.consentGivenAt]))];
  const labels = {
    toOrganisationId: m('send_to'),
    purpose: m('send_purpose'),
    consentId: m('send_consent'),
    message: m('send_message'),
    dueOn: m('send_due'),
  };
  const values: FormValues = { ...(consents.length === 1 ? { consentId: consents[0][0] } : {}), ...props.values };
  return (
    <Layout page={page} title={m('case_title')}>
      <h1>{m('case_title')}</h1>
      <p>
        <a href={`/ui/cases/${props.caseId}`}>{m('back_to_case')}</a>
      </p>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      {props.referrals === undefined ? null : props.referrals.length === 0 ? (
        <p>{m('empty')}</p>
      ) : (
        <table>
          <caption>{m('case_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_sent')}</th>
              <th scope="col">{m('col_to')}</th>
              <th scope="col">{m('col_purpose')}</th>
              <th scope="col">{m('col_status')}</th>
              <th scope="col">{m('col_due')}</th>
              <th scope="col">{m('col_referral')}</th>
            </tr>
          </thead>
          <tbody>
            {props.referrals.map((r) => (
              <tr>
                <td>{shownMoment(r.createdAt)}</td>
                <th scope="row">{r.to.name}</th>
                <td>{purposeOf(page, r.purpose)}</td>
                <td>
                  <StatusOf page={page} referral={r} />
                </td>
                <td>{shownDay(r.dueAt)}</td>
                <td>
                  <a href={`/ui/referrals/${r.id}`}>{m('open')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{m('send_title')}</h2>
      {choices.covered.length === 0 ? (
        <Fragment>
          <p class="notice warn">{m('no_consent')}</p>
          <p>
            <a href={`/ui/cases/${props.caseId}/consents/new`}>{m('record_consent')}</a>
          </p>
        </Fragment>
      ) : (
        <Fragment>
          <table>
            <caption>{m('covered_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('col_consent')}</th>
                <th scope="col">{m('col_purpose')}</th>
                <th scope="col">{m('col_organisation')}</th>
              </tr>
            </thead>
            <tbody>
              {choices.covered.map((c) => (
                <tr>
                  <td>{m('consent_given', { day: shownDay(c.consentGivenAt) })}</td>
                  <td>{purposeOf(page, c.purpose)}</td>
                  <th scope="row">{names.get(c.toOrganisationId) ?? ''}</th>
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorSummary page={page} errors={props.errors} labels={labels} />
          <form method="post" action={`/ui/cases/${props.caseId}/referrals`}>
            <CsrfField page={page} />
            <IdempotencyField />
            <SelectField
              name="toOrganisationId"
              label={labels.toOrganisationId}
              blank={m('choose')}
              choices={choices.recipients.map((r) => ({
                value: r.id,
                label: r.lawEnforcement ? m('police_unit', { name: r.name }) : r.name,
              }))}
              values={values}
              errors={props.errors}
              required
            />
            <SelectField
              name="purpose"
              label={labels.purpose}
              blank={m('choose')}
              choices={purposes.map((p) => ({ value: p, label: purposeOf(page, p) }))}
              values={values}
              errors={props.errors}
              required
            />
            <SelectField
              name="consentId"
              label={labels.consentId}
              blank={m('choose')}
              choices={consents.map(([id, givenAt]) => ({ value: id, label: m('consent_given', { day: shownDay(givenAt) }) }))}
              values={values}
              errors={props.errors}
              required
            />
            <TextArea
              name="message"
              label={labels.message}
              hint={m('send_message_hint')}
              values={values}
              errors={props.errors}
              maxlength={4000}
              identifying
            />
            <TextField name="dueOn" label={labels.dueOn} type="date" values={values} errors={props.errors} required />
            <div class="actions">
              <button type="submit">{m('send_button')}</button>
            </div>
          </form>
        </Fragment>
      )}
    </Layout>
  );
}
