import type { MeDto } from '../dto/me.dto';
import type { WebAuthnCredentialDto } from '../dto/webauthn.dto';
import type { OwnSession } from '../own-sessions';
import { shownMoment } from '../../web/moments';
import { ErrorSummary, FormErrors, TextField } from '../../web/forms';
import { Html, jsx } from '../../web/jsx';
import { CsrfField, Layout } from '../../web/layout';
import { common } from '../../web/messages';
import type { PageContext } from '../../web/page';
import { roleMessages } from '../../web/roles.messages';
import { authMessages } from './auth.messages';

export interface AccountProps {
  page: PageContext;
  me: MeDto;
  keys: readonly WebAuthnCredentialDto[];
  /** The person's open sessions, this one marked. */
  sessions: readonly OwnSession[];
  /** What just happened (a password changed, a factor set up). */
  notice?: string;
  errors?: FormErrors;
}

/** The person's own account: who they are, their second factors, their password. */
export function AccountPage(props: AccountProps): Html {
  const { page, me } = props;
  const m = authMessages.in(page.language);
  const t = common.in(page.language);
  const r = roleMessages.in(page.language);
  const labels = { currentPassword: m('current_password'), newPassword: m('new_password'), label: m('key_label') };
  return (
    <Layout page={page} title={m('account_title')}>
      <h1>{m('account_title')}</h1>
      {me.passwordChangeRequired ? (
        <p class="notice warn" role="alert">
          {m('password_change_required')}
        </p>
      ) : null}
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <dl class="facts">
        <dt>{m('username')}</dt>
        <dd>{me.username}</dd>
        <dt>{m('account_role')}</dt>
        <dd>{r(me.role)}</dd>
        <dt>{m('account_second_factor')}</dt>
        <dd>{me.mfaEnrolled ? m('account_second_factor_on') : m('account_second_factor_off')}</dd>
      </dl>
      {me.mfaEnrolled ? null : (
        <form method="post" action="/ui/account/totp">
          <CsrfField page={page} />
          <button type="submit">{m('totp_start')}</button>
        </form>
      )}

      <h2>{m('keys_title')}</h2>
      {props.keys.length ? (
        <ul>
          {props.keys.map((key) => (
            <li>
              {`${key.label} — ${m('key_created', { date: key.createdAt.slice(0, 10) })} `}
              <form
                method="post"
                action={`/ui/account/security-keys/${key.id}/remove`}
                class="inline"
                data-confirm={m('key_remove_confirm')}
              >
                <CsrfField page={page} />
                <button type="submit" class="secondary">
                  {m('key_remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{m('keys_none')}</p>
      )}
      <form method="post" action="/ui/account/security-keys" data-webauthn-create="/ui/account/security-keys/options">
        <CsrfField page={page} />
        <input type="hidden" name="credential" value="" />
        <TextField name="label" label={labels.label} hint={m('key_label_hint')} maxlength={64} errors={props.errors} required />
        <noscript>
          <p>{m('use_key_needs_script')}</p>
        </noscript>
        <div class="actions">
          <button type="submit">{m('key_add')}</button>
        </div>
      </form>

      <h2>{m('recovery_title')}</h2>
      <p>{m('recovery_remaining', { count: me.recoveryCodesRemaining })}</p>
      <form method="post" action="/ui/account/recovery-codes" data-confirm={m('recovery_generate_confirm')}>
        <CsrfField page={page} />
        <button type="submit" class="secondary">
          {m('recovery_generate')}
        </button>
      </form>

      <h2>{m('sessions_title')}</h2>
      <p>{m('sessions_intro')}</p>
      <table>
        <caption>{m('sessions_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{m('session_device')}</th>
            <th scope="col">{m('session_created')}</th>
            <th scope="col">{m('session_last_seen')}</th>
            <th scope="col">{m('session_action')}</th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((session) => (
            <tr>
              <th scope="row">{session.device === 'other' ? m('session_device_other') : session.device}</th>
              <td>{shownMoment(session.createdAt)}</td>
              <td>{shownMoment(session.lastSeenAt)}</td>
              <td>
                {session.current ? (
                  <strong>{m('session_current')}</strong>
                ) : (
                  <form method="post" action={`/ui/account/sessions/${session.id}/end`} class="inline">
                    <CsrfField page={page} />
                    <button type="submit" class="secondary">
                      {m('session_end')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.sessions.some((session) => !session.current) ? (
        <form method="post" action="/ui/account/sessions/end-others" data-confirm={m('sessions_end_others_confirm')}>
          <CsrfField page={page} />
          <button type="submit" class="secondary">
            {m('sessions_end_others')}
          </button>
        </form>
      ) : null}

      <h2>{m('password_title')}</h2>
      <form method="post" action="/ui/account/password" autocomplete="off">
        <CsrfField page={page} />
        <TextField name="currentPassword" label={labels.currentPassword} type="password" errors={props.errors} required maxlength={128} />
        <TextField
          name="newPassword"
          label={labels.newPassword}
          hint={m('new_password_hint')}
          type="password"
          errors={props.errors}
          required
          maxlength={128}
        />
        <div class="actions">
          <button type="submit">{t('save')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** The recovery codes, shown once. */
export function RecoveryCodesPage(props: { page: PageContext; codes: readonly string[] }): Html {
  const m = authMessages.in(props.page.language);
  const t = common.in(props.page.language);
  return (
    <Layout page={props.page} title={m('recovery_codes_title')}>
      <h1>{m('recovery_codes_title')}</h1>
      <p>{m('recovery_codes_intro')}</p>
      <ol class="codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" data-print hidden>
          {t('print')}
        </button>
        <a class="button" href="/ui/account">
          {m('recovery_codes_done')}
        </a>
      </div>
    </Layout>
  );
}

export interface TotpEnrolmentProps {
  page: PageContext;
  secret: string;
  /** The QR code as an SVG data URL, drawn by the server. */
  qr: string;
  errors?: FormErrors;
}

export function TotpEnrolmentPage(props: TotpEnrolmentProps): Html {
  const { page } = props;
  const m = authMessages.in(page.language);
  return (
    <Layout page={page} title={m('totp_title')}>
      <h1>{m('totp_title')}</h1>
      <p>{m('totp_intro')}</p>
      <img src={props.qr} alt={m('totp_qr_alt')} width={220} height={220} />
      <p>
        {m('totp_secret_text')} <code>{props.secret}</code>
      </p>
      <ErrorSummary page={page} errors={props.errors} labels={{ code: m('totp_code') }} />
      <form method="post" action="/ui/account/totp/confirm" autocomplete="off">
        <CsrfField page={page} />
        <TextField name="code" label={m('totp_code')} inputmode="numeric" maxlength={6} errors={props.errors} required identifying />
        <div class="actions">
          <button type="submit">{m('totp_confirm')}</button>
        </div>
      </form>
    </Layout>
  );
}
