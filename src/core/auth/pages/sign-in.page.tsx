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

export function SignInPage(props: SignInProps): Html {
  const m = authMessages.in(props.page.language);
  const t = common.in(props.page.language);
  const labels = { username: m('username'), password: m('password'), totpCode: m('totp_code') };
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
        <TextField
          name="totpCode"
          label={labels.totpCode}
          hint={m('totp_code_hint')}
          inputmode="numeric"
          maxlength={6}
          errors={props.errors}
          identifying
        />
        <div class="actions">
          <button type="submit">{t('sign_in')}</button>
        </div>
      </form>
    </Layout>
  );
}
