import type { AuthenticationOptionsDto } from '../dto/webauthn.dto';
import type { SecondFactorMethod } from '../dto/sign-in.dto';
import { ErrorSummary, FormErrors, FormValues, TextField } from '../../web/forms';
import { Html, jsx } from '../../web/jsx';
import { CsrfField, Layout } from '../../web/layout';
import { common } from '../../web/messages';
import type { PageContext } from '../../web/page';
import { authMessages } from './auth.messages';

export interface SignInProps {
  page: PageContext;
  values?: FormValues;
  errors?: FormErrors;
  /** A refusal of the whole form (wrong password, too many attempts), said above it. */
  refusal?: string;
}

/** The first step: username and password. */
export function SignInPage(props: SignInProps): Html {
  const m = authMessages.in(props.page.language);
  const t = common.in(props.page.language);
  const labels = { username: m('username'), password: m('password') };
  return (
    <Layout page={props.page} title={m('sign_in_title')}>
      <h1>{m('sign_in_title')}</h1>
      <p>{m('sign_in_intro')}</p>
      <ErrorSummary page={props.page} errors={props.errors} labels={labels} />
      {props.refusal ? (
        <p class="notice warn" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <form method="post" action="/ui/sign-in" autocomplete="off">
        <CsrfField page={props.page} />
        <TextField name="username" label={labels.username} values={props.values} errors={props.errors} required maxlength={64} identifying />
        <TextField name="password" label={labels.password} type="password" errors={props.errors} required maxlength={128} />
        <div class="actions">
          <button type="submit">{t('sign_in')}</button>
        </div>
      </form>
    </Layout>
  );
}

export interface SecondFactorProps {
  page: PageContext;
  methods: readonly SecondFactorMethod[];
  /** For navigator.credentials.get(): not secret, bound to this pending sign-in's challenge. */
  webauthn?: AuthenticationOptionsDto;
  errors?: FormErrors;
}

/** The second step: one of the account's second factors. */
export function SecondFactorPage(props: SecondFactorProps): Html {
  const { page } = props;
  const m = authMessages.in(page.language);
  const labels = { totpCode: m('totp_code'), recoveryCode: m('recovery_code') };
  return (
    <Layout page={page} title={m('second_factor_title')}>
      <h1>{m('second_factor_title')}</h1>
      <p>{m('second_factor_intro')}</p>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      {props.methods.includes('webauthn') && props.webauthn ? (
        <section aria-labelledby="with-key">
          <h2 id="with-key">{m('use_key')}</h2>
          <form
            method="post"
            action="/ui/sign-in/second-factor"
            data-webauthn-get={JSON.stringify(props.webauthn)}
          >
            <CsrfField page={page} />
            <input type="hidden" name="method" value="webauthn" />
            <input type="hidden" name="credential" value="" />
            <noscript>
              <p>{m('use_key_needs_script')}</p>
            </noscript>
            <div class="actions">
              <button type="submit">{m('use_key_button')}</button>
            </div>
          </form>
        </section>
      ) : null}
      {props.methods.includes('totp') ? (
        <section aria-labelledby="with-code">
          <h2 id="with-code">{m('use_totp')}</h2>
          <form method="post" action="/ui/sign-in/second-factor" autocomplete="off">
            <CsrfField page={page} />
            <input type="hidden" name="method" value="totp" />
            <TextField name="totpCode" label={labels.totpCode} inputmode="numeric" maxlength={6} errors={props.errors} required identifying />
            <div class="actions">
              <button type="submit">{m('continue')}</button>
            </div>
          </form>
        </section>
      ) : null}
      {props.methods.includes('recovery_code') ? (
        <details>
          <summary>{m('use_recovery')}</summary>
          <form method="post" action="/ui/sign-in/second-factor" autocomplete="off">
            <CsrfField page={page} />
            <input type="hidden" name="method" value="recovery_code" />
            <TextField
              name="recoveryCode"
              label={labels.recoveryCode}
              hint={m('recovery_code_hint')}
              maxlength={24}
              errors={props.errors}
              required
              identifying
            />
            <div class="actions">
              <button type="submit">{m('continue')}</button>
            </div>
          </form>
        </details>
      ) : null}
    </Layout>
  );
}
