import { CheckboxGroup, Choice, ErrorSummary, FormErrors, FormValues, SelectField, TextField } from '../../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../../core/web/jsx';
import { CsrfField, Layout } from '../../../../core/web/layout';
import { common } from '../../../../core/web/messages';
import type { PageContext } from '../../../../core/web/page';
import { codeChoices, codeLabel, INDICATOR_LISTS } from '../../code-lists';
import type { ConsentView, ScreeningView } from '../case-views';
import { caseActionMessages } from './case-actions.messages';

void Fragment;

/** The way back from every page of a case's actions: the case page. */
export function BackToCase(props: { page: PageContext; caseId: string }): Html {
  const m = caseActionMessages.in(props.page.language);
  return (
    <p>
      <a href={`/ui/cases/${props.caseId}`}>{m('back_to_case')}</a>
    </p>
  );
}

/** A moment as the day it fell on (UTC), the way the pages write dates. */
export function dayOf(at: string): string {
  return at.slice(0, 10);
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

export interface ScreeningFormProps {
  page: PageContext;
  caseId: string;
  /** The indicator list the form asks about (one of INDICATOR_LISTS). */
  listId: string;
  /** The screenings already recorded; absent on a refused form, which shows the form alone. */
  screenings?: ScreeningView[];
  notice?: string;
  values?: FormValues;
  errors?: FormErrors;
}

export function ScreeningPage(props: ScreeningFormProps): Html {
  const { page, caseId } = props;
  const m = caseActionMessages.in(page.language);
  const list = INDICATOR_LISTS.find((l) => l.id === props.listId) ?? INDICATOR_LISTS[0];
  const others = INDICATOR_LISTS.filter((l) => l.id !== list.id);
  const labels = { indicators: m('indicators'), result: m('result'), indicatorList: m('indicator_list') };
  return (
    <Layout page={page} title={m('screening_title')}>
      <h1>{m('screening_title')}</h1>
      <BackToCase page={page} caseId={caseId} />
      <Notice text={props.notice} />
      <p>{m('screening_intro')}</p>
      <dl class="facts">
        <dt>{m('indicator_list')}</dt>
        <dd>
          {`${list.source} (${m('indicator_list_version', { version: list.version })})`}
        </dd>
      </dl>
      {others.length ? (
        <p>
          {m('indicator_list_other')}{' '}
          {others.map((other) => (
            <a href={`/ui/cases/${caseId}/screenings/new?list=${other.id}`}>{other.source}</a>
          ))}
        </p>
      ) : null}
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action={`/ui/cases/${caseId}/screenings/new`}>
        <CsrfField page={page} />
        <input type="hidden" name="indicatorList" value={list.id} />
        <CheckboxGroup
          name="indicators"
          label={labels.indicators}
          choices={codeChoices(list.id, page.language, list.indicators)}
          values={props.values}
          errors={props.errors}
        />
        <SelectField
          name="result"
          label={labels.result}
          choices={codeChoices('screeningResult', page.language)}
          blank=""
          values={props.values}
          errors={props.errors}
          required
        />
        <div class="actions">
          <button type="submit">{m('screening_save')}</button>
        </div>
      </form>
      {props.screenings ? <ScreeningsTable page={page} screenings={props.screenings} /> : null}
    </Layout>
  );
}

function ScreeningsTable(props: { page: PageContext; screenings: ScreeningView[] }): Html {
  const m = caseActionMessages.in(props.page.language);
  const language = props.page.language;
  if (!props.screenings.length) {
    return (
      <Fragment>
        <h2>{m('screenings_so_far')}</h2>
        <p>{m('none_yet')}</p>
      </Fragment>
    );
  }
  return (
    <table>
      <caption>{m('screenings_so_far')}</caption>
      <thead>
        <tr>
          <th scope="col">{m('screened_at')}</th>
          <th scope="col">{m('indicator_list')}</th>
          <th scope="col">{m('result')}</th>
          <th scope="col">{m('indicator_count')}</th>
        </tr>
      </thead>
      <tbody>
        {props.screenings.map((s) => (
          <tr>
            <td>{dayOf(s.screenedAt)}</td>
            <td>{`${INDICATOR_LISTS.find((l) => l.id === s.indicatorList)?.source ?? s.indicatorList} (${s.indicatorListVersion})`}</td>
            <td>{codeLabel('screeningResult', s.result, language)}</td>
            <td>
              {s.indicators.length ? (
                <ul>
                  {s.indicators.map((code) => (
                    <li>{codeLabel(s.indicatorList, code, language)}</li>
                  ))}
                </ul>
              ) : (
                common.in(language)('none')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ConsentFormProps {
  page: PageContext;
  caseId: string;
  organisations: Choice[];
  /** The consents recorded; absent on a refused form, which shows the form alone. */
  consents?: ConsentView[];
  notice?: string;
  values?: FormValues;
  errors?: FormErrors;
}

export function ConsentsPage(props: ConsentFormProps): Html {
  const { page, caseId } = props;
  const m = caseActionMessages.in(page.language);
  const labels = {
    purpose: m('purpose'),
    recipientOrganisationId: m('recipient'),
    referralPurposes: m('referral_purposes'),
  };
  return (
    <Layout page={page} title={m('consent_title')}>
      <h1>{m('consent_title')}</h1>
      <BackToCase page={page} caseId={caseId} />
      <Notice text={props.notice} />
      {props.consents ? <ConsentsTable page={page} caseId={caseId} consents={props.consents} organisations={props.organisations} /> : null}
      <h2>{m('consent_give_title')}</h2>
      <p>{m('consent_intro')}</p>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action={`/ui/cases/${caseId}/consents/new`}>
        <CsrfField page={page} />
        <SelectField
          name="purpose"
          label={labels.purpose}
          choices={codeChoices('consentPurpose', page.language)}
          blank=""
          values={props.values}
          errors={props.errors}
          required
        />
        <SelectField
          name="recipientOrganisationId"
          label={labels.recipientOrganisationId}
          hint={m('recipient_hint')}
          choices={props.organisations}
          blank={m('no_recipient')}
          values={props.values}
          errors={props.errors}
        />
        <CheckboxGroup
          name="referralPurposes"
          label={labels.referralPurposes}
          legend={`${labels.referralPurposes} (${m('referral_purposes_hint')})`}
          choices={codeChoices('referralPurpose', page.language)}
          values={props.values}
          errors={props.errors}
        />
        <div class="actions">
          <button type="submit">{m('consent_save')}</button>
        </div>
      </form>
    </Layout>
  );
}

function ConsentsTable(props: { page: PageContext; caseId: string; consents: ConsentView[]; organisations: Choice[] }): Html {
  const { page, caseId } = props;
  const m = caseActionMessages.in(page.language);
  const t = common.in(page.language);
  if (!props.consents.length) {
    return (
      <Fragment>
        <h2>{m('consents_given')}</h2>
        <p>{m('none_yet')}</p>
      </Fragment>
    );
  }
  const organisationName = (id: string | null) =>
    id ? (props.organisations.find((o) => o.value === id)?.label ?? t('unknown')) : t('none');
  return (
    <table>
      <caption>{m('consents_given')}</caption>
      <thead>
        <tr>
          <th scope="col">{m('purpose')}</th>
          <th scope="col">{m('recipient')}</th>
          <th scope="col">{m('referral_purposes')}</th>
          <th scope="col">{m('given_at')}</th>
          <th scope="col">{m('state')}</th>
        </tr>
      </thead>
      <tbody>
        {props.consents.map((c) => (
          <tr>
            <td>{codeLabel('consentPurpose', c.purpose, page.language)}</td>
            <td>{organisationName(c.recipientOrganisationId)}</td>
            <td>
              {c.referralPurposes.length
                ? c.referralPurposes.map((p) => codeLabel('referralPurpose', p, page.language)).join(', ')
                : t('none')}
            </td>
            <td>{dayOf(c.givenAt)}</td>
            <td>
              {c.withdrawnAt ? (
                m('withdrawn_on', { day: dayOf(c.withdrawnAt) })
              ) : (
                <Fragment>
                  <p>{m('in_force')}</p>
                  <WithdrawForm page={page} caseId={caseId} consentId={c.id} />
                </Fragment>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Withdrawing is grave: the page's script asks first, and the form needs its box ticked without script. */
function WithdrawForm(props: { page: PageContext; caseId: string; consentId: string; errors?: FormErrors }): Html {
  const m = caseActionMessages.in(props.page.language);
  const id = `withdraw-${props.consentId}`;
  const error = props.errors?.confirm;
  return (
    <form
      method="post"
      action={`/ui/cases/${props.caseId}/consents/${props.consentId}/withdraw`}
      data-confirm={m('withdraw_confirm')}
    >
      <CsrfField page={props.page} />
      <div class={error ? 'check has-error' : 'check'}>
        {error ? (
          <p class="error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <input type="checkbox" id={id} name="confirm" value="yes" required aria-describedby={error ? `${id}-error` : undefined} />
        <label for={id}>{m('withdraw_tick')}</label>
      </div>
      <button type="submit" class="danger">
        {m('withdraw')}
      </button>
    </form>
  );
}

/** A withdrawal sent without its box ticked, or refused: the question again, alone. */
export function WithdrawPage(props: {
  page: PageContext;
  caseId: string;
  consentId: string;
  errors?: FormErrors;
  refusal?: string;
}): Html {
  const { page } = props;
  const m = caseActionMessages.in(page.language);
  return (
    <Layout page={page} title={m('withdraw_title')}>
      <h1>{m('withdraw_title')}</h1>
      <BackToCase page={page} caseId={props.caseId} />
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : (
        <Fragment>
          <ErrorSummary page={page} errors={props.errors} labels={{ confirm: m('withdraw_tick') }} />
          <p>{m('withdraw_confirm')}</p>
          <WithdrawForm page={page} caseId={props.caseId} consentId={props.consentId} errors={props.errors} />
        </Fragment>
      )}
    </Layout>
  );
}

export interface ErasePageProps {
  page: PageContext;
  caseId: string;
  /** The case's reference; a refused form leaves it out (it reads nothing more of the case). */
  reference?: string;
  /** The person is erased already: nothing to confirm. */
  erased?: boolean;
  values?: FormValues;
  errors?: FormErrors;
  /** A refusal that is not about a field (another organisation holds the person). */
  refusal?: string;
}

export function ErasePage(props: ErasePageProps): Html {
  const { page, caseId } = props;
  const m = caseActionMessages.in(page.language);
  const labels = { confirm: m('erase_tick'), password: m('erase_password') };
  const confirmError = props.errors?.confirm;
  return (
    <Layout page={page} title={m('erase_title')}>
      <h1>{m('erase_title')}</h1>
      <BackToCase page={page} caseId={caseId} />
      {props.reference ? (
        <dl class="facts">
          <dt>{m('case_reference')}</dt>
          <dd>{props.reference}</dd>
        </dl>
      ) : null}
      {props.erased ? (
        <p class="notice" role="status">
          {m('already_erased')}
        </p>
      ) : (
        <Fragment>
          <p>{m('erase_intro')}</p>
          <h2>{m('erase_gone')}</h2>
          <ul>
            <li>{m('erase_gone_names')}</li>
            <li>{m('erase_gone_documents')}</li>
            <li>{m('erase_gone_contact')}</li>
            <li>{m('erase_gone_search')}</li>
          </ul>
          <p>{m('erase_stays')}</p>
          <p class="notice warn">
            <strong>{m('erase_irreversible')}</strong>
          </p>
          {props.refusal ? (
            <p class="notice warn" role="alert">
              {props.refusal}
            </p>
          ) : null}
          <ErrorSummary page={page} errors={props.errors} labels={labels} />
          <form method="post" action={`/ui/cases/${caseId}/erase`} autocomplete="off" data-confirm={m('erase_confirm')}>
            <CsrfField page={page} />
            <div class={confirmError ? 'field check has-error' : 'field check'}>
              {confirmError ? (
                <p class="error" id="f-confirm-error">
                  {confirmError}
                </p>
              ) : null}
              <input
                type="checkbox"
                id="f-confirm"
                name="confirm"
                value="yes"
                required
                checked={props.values?.confirm === 'yes'}
                aria-invalid={confirmError ? 'true' : undefined}
                aria-describedby={confirmError ? 'f-confirm-error' : undefined}
              />
              <label for="f-confirm">{labels.confirm}</label>
            </div>
            <TextField
              name="password"
              label={labels.password}
              hint={m('erase_password_hint')}
              type="password"
              errors={props.errors}
              required
              maxlength={128}
            />
            <div class="actions">
              <button type="submit" class="danger">
                {m('erase_button')}
              </button>
            </div>
          </form>
        </Fragment>
      )}
    </Layout>
  );
}

/** After an erasure: that it is done, and nothing of the person. */
export function ErasedPage(props: { page: PageContext }): Html {
  const m = caseActionMessages.in(props.page.language);
  return (
    <Layout page={props.page} title={m('erased_title')}>
      <h1>{m('erased_title')}</h1>
      <p class="notice ok" role="status">
        {m('erased_text')}
      </p>
      <p>
        <a href="/ui/cases">{m('back_to_cases')}</a>
      </p>
    </Layout>
  );
}
