import { Permission, roleHasPermission } from '../../../core/access/permission';
import { ErrorSummary, FormErrors, FormValues, TextArea } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, Layout } from '../../../core/web/layout';
import { common } from '../../../core/web/messages';
import { shownDay, shownMoment } from '../../../core/web/moments';
import type { PageContext } from '../../../core/web/page';
import { Pager } from '../../../core/web/pager';
import { codeLabel } from '../../cases/code-lists';
import type { ReferralViewDto } from '../dto/referral-view.dto';
import { referralMessages } from './referrals.messages';

void Fragment;

export type Box = 'in' | 'out';

/** A referral's purpose in the person's language (the code list's label). */
export function purposeOf(page: PageContext, purpose: string): string {
  return codeLabel('referralPurpose', purpose, page.language);
}

/** A referral's status in words, with the overdue mark when it waits past its deadline. */
export function StatusOf(props: { page: PageContext; referral: ReferralViewDto }): Html {
  const m = referralMessages.in(props.page.language);
  return (
    <Fragment>
      {m(`status_${props.referral.status}`)}
      {props.referral.overdue ? (
        <Fragment>
          {' '}
          <strong class="overdue">{m('overdue_mark')}</strong>
        </Fragment>
      ) : null}
    </Fragment>
  );
}

export interface ReferralListProps {
  page: PageContext;
  box: Box;
  status?: string;
  items: ReferralViewDto[];
  number: number;
  size: number;
  total: number;
}

const STATUS_FILTERS = ['pending', 'overdue', 'accepted', 'declined', 'withdrawn'] as const;

/** The organisation's inbox or outbox, newest first. */
export function ReferralListPage(props: ReferralListProps): Html {
  const { page, box } = props;
  const m = referralMessages.in(page.language);
  const t = common.in(page.language);
  const sends = page.user ? roleHasPermission(page.user.role, Permission.ReferralSend) : false;
  const query = (number: number) =>
    `/ui/referrals?box=${box}${props.status ? `&status=${props.status}` : ''}${number > 1 ? `&page=${number}` : ''}`;
  return (
    <Layout page={page} title={m('list_title')}>
      <h1>{m('list_title')}</h1>
      <nav aria-label={m('boxes_label')} class="tabs">
        <ul>
          <li>
            <a href="/ui/referrals?box=in" aria-current={box === 'in' ? 'page' : undefined}>
              {m('box_in')}
            </a>
          </li>
          {sends || box === 'out' ? (
            <li>
              <a href="/ui/referrals?box=out" aria-current={box === 'out' ? 'page' : undefined}>
                {m('box_out')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      <form method="get" action="/ui/referrals" class="filters">
        <input type="hidden" name="box" value={box} />
        <div class="field">
          <label for="f-status">{m('status_filter')}</label>
          <select id="f-status" name="status">
            <option value="">{m('status_any')}</option>
            {STATUS_FILTERS.map((status) => (
              <option value={status} selected={props.status === status}>
                {m(`status_${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{t('filter')}</button>
        </div>
      </form>
      {props.items.length === 0 ? (
        <p>{m('empty')}</p>
      ) : (
        <table>
          <caption>{box === 'in' ? m('caption_in') : m('caption_out')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_sent')}</th>
              <th scope="col">{box === 'in' ? m('col_from') : m('col_to')}</th>
              <th scope="col">{m('col_purpose')}</th>
              <th scope="col">{m('col_status')}</th>
              <th scope="col">{m('col_due')}</th>
              <th scope="col">{m('col_referral')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((r) => (
              <tr>
                <td>{shownMoment(r.createdAt)}</td>
                <th scope="row">{box === 'in' ? r.from.name : r.to.name}</th>
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
      <Pager page={page} number={props.number} size={props.size} total={props.total} hrefOf={query} />
    </Layout>
  );
}

/** The facts of one referral, as the page and the print view both show them. */
function ReferralFacts(props: { page: PageContext; referral: ReferralViewDto; print?: boolean }): Html {
  const { page, referral: r } = props;
  const m = referralMessages.in(page.language);
  const ownsSide = page.user?.organisationId === r.from.id || r.status === 'accepted';
  return (
    <Fragment>
      <dl class="facts">
        <dt>{m('col_from')}</dt>
        <dd>{r.from.name}</dd>
        <dt>{m('col_to')}</dt>
        <dd>{r.to.name}</dd>
        <dt>{m('col_purpose')}</dt>
        <dd>{purposeOf(page, r.purpose)}</dd>
        <dt>{m('col_status')}</dt>
        <dd>
          <StatusOf page={page} referral={r} />
        </dd>
        <dt>{m('col_sent')}</dt>
        <dd>{shownMoment(r.createdAt)}</dd>
        <dt>{m('col_due')}</dt>
        <dd>{shownMoment(r.dueAt)}</dd>
        {r.decidedAt ? (
          <Fragment>
            <dt>{m('fact_answered')}</dt>
            <dd>{shownMoment(r.decidedAt)}</dd>
          </Fragment>
        ) : null}
        {r.withdrawnAt ? (
          <Fragment>
            <dt>{m('fact_withdrawn')}</dt>
            <dd>{shownMoment(r.withdrawnAt)}</dd>
          </Fragment>
        ) : null}
        {ownsSide && !props.print ? (
          <Fragment>
            <dt>{m('fact_case')}</dt>
            <dd>
              <a href={`/ui/cases/${r.caseId}`}>{m('open_case')}</a>
            </dd>
          </Fragment>
        ) : null}
      </dl>
      {r.textsWithheld ? (
        <p class="withheld">{m('texts_withheld')}</p>
      ) : (
        <Fragment>
          <h2>{m('fact_message')}</h2>
          <p class="referral-text">{r.message ?? m('no_message')}</p>
          {r.declineReason ? (
            <Fragment>
              <h2>{m('fact_decline_reason')}</h2>
              <p class="referral-text">{r.declineReason}</p>
            </Fragment>
          ) : null}
        </Fragment>
      )}
    </Fragment>
  );
}

export interface ReferralPageProps {
  page: PageContext;
  referral: ReferralViewDto;
  notice?: string;
}

/** One referral, with the answers the caller's side may give while it is pending. */
export function ReferralPage(props: ReferralPageProps): Html {
  const { page, referral: r } = props;
  const m = referralMessages.in(page.language);
  const role = page.user?.role;
  const own = page.user?.organisationId;
  const pending = r.status === 'pending';
  const responds = pending && role !== undefined && roleHasPermission(role, Permission.ReferralRespond) && r.to.id === own;
  const withdraws = pending && role !== undefined && roleHasPermission(role, Permission.ReferralSend) && r.from.id === own;
  return (
    <Layout page={page} title={m('one_title')}>
      <h1>{m('one_title')}</h1>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <ReferralFacts page={page} referral={r} />
      <p>
        <a href={`/ui/referrals/${r.id}/print`}>{m('print_link')}</a>
      </p>
      {responds ? (
        <Fragment>
          <AcceptForm page={page} referral={r} />
          <DeclineForm page={page} referral={r} />
        </Fragment>
      ) : null}
      {withdraws ? <WithdrawForm page={page} referral={r} /> : null}
    </Layout>
  );
}

interface FormProps {
  page: PageContext;
  referral: Pick<ReferralViewDto, 'id'>;
  values?: FormValues;
  errors?: FormErrors;
}

/** A box to tick: the server's own confirmation of a grave step, beside the script's question. */
function ConfirmBox(props: { name: string; label: string; errors?: FormErrors }): Html {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? 'field check has-error' : 'field check'}>
      {error ? (
        <p class="error" id={`f-${props.name}-error`}>
          {error}
        </p>
      ) : null}
      <input
        type="checkbox"
        id={`f-${props.name}`}
        name={props.name}
        value="yes"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `f-${props.name}-error` : undefined}
      />
      <label for={`f-${props.name}`}>{props.label}</label>
    </div>
  );
}

export function AcceptForm(props: FormProps): Html {
  const m = referralMessages.in(props.page.language);
  return (
    <section aria-labelledby="accept-title">
      <h2 id="accept-title">{m('accept_title')}</h2>
      <p>{m('accept_text')}</p>
      <ErrorSummary page={props.page} errors={props.errors} labels={{ confirm: m('accept_confirm') }} />
      <form method="post" action={`/ui/referrals/${props.referral.id}/accept`} data-confirm={m('accept_question')}>
        <CsrfField page={props.page} />
        <ConfirmBox name="confirm" label={m('accept_confirm')} errors={props.errors} />
        <div class="actions">
          <button type="submit">{m('accept_button')}</button>
        </div>
      </form>
    </section>
  );
}

export function DeclineForm(props: FormProps): Html {
  const m = referralMessages.in(props.page.language);
  return (
    <section aria-labelledby="decline-title">
      <h2 id="decline-title">{m('decline_title')}</h2>
      <ErrorSummary page={props.page} errors={props.errors} labels={{ reason: m('decline_reason'), confirm: m('decline_confirm') }} />
      <form method="post" action={`/ui/referrals/${props.referral.id}/decline`} data-confirm={m('decline_question')}>
        <CsrfField page={props.page} />
        <TextArea
          name="reason"
          label={m('decline_reason')}
          hint={m('decline_reason_hint')}
          values={props.values}
          errors={props.errors}
          required
          maxlength={2000}
          identifying
        />
        <ConfirmBox name="confirm" label={m('decline_confirm')} errors={props.errors} />
        <div class="actions">
          <button type="submit" class="danger">
            {m('decline_button')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function WithdrawForm(props: FormProps): Html {
  const m = referralMessages.in(props.page.language);
  return (
    <section aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{m('withdraw_title')}</h2>
      <ErrorSummary page={props.page} errors={props.errors} labels={{ confirm: m('withdraw_confirm') }} />
      <form method="post" action={`/ui/referrals/${props.referral.id}/withdraw`} data-confirm={m('withdraw_question')}>
        <CsrfField page={props.page} />
        <ConfirmBox name="confirm" label={m('withdraw_confirm')} errors={props.errors} />
        <div class="actions">
          <button type="submit" class="danger">
            {m('withdraw_button')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * One answer's form again, refused: what was typed and the problem beside its field. It shows nothing
 * of the referral, so that refusing an answer reads nothing the answer did not.
 */
export function AnswerRefusedPage(props: FormProps & { form: 'accept' | 'decline' | 'withdraw'; refusal?: string }): Html {
  const m = referralMessages.in(props.page.language);
  const Form = { accept: AcceptForm, decline: DeclineForm, withdraw: WithdrawForm }[props.form];
  return (
    <Layout page={props.page} title={m('one_title')}>
      <h1>{m('one_title')}</h1>
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      {props.refusal ? null : <Form {...props} />}
      <p>
        <a href={`/ui/referrals/${props.referral.id}`}>{m('back_to_referral')}</a>
      </p>
    </Layout>
  );
}

/** The referral form on paper: the facts and texts, without menus, with a place to sign. */
export function ReferralPrintPage(props: { page: PageContext; referral: ReferralViewDto }): Html {
  const { page } = props;
  const m = referralMessages.in(page.language);
  return (
    <Layout page={page} title={m('print_title')} print>
      <h1>{m('print_title')}</h1>
      <p class="notice warn">{m('print_note')}</p>
      <ReferralFacts page={page} referral={props.referral} print />
      <p class="print-only">{m('print_signature')}: ______________________________</p>
      <p class="no-print">
        <button type="button" data-print hidden>
          {m('print_button')}
        </button>{' '}
        <a href={`/ui/referrals/${props.referral.id}`}>{m('back_to_referral')}</a>
      </p>
    </Layout>
  );
}
