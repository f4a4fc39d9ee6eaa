import type { Role } from '../../../core/access/role';
import { ErrorSummary, FormErrors, FormValues, SelectField, TextField } from '../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, Layout } from '../../../core/web/layout';
import type { PageContext } from '../../../core/web/page';
import { roleMessages } from '../../../core/web/roles.messages';
import type { UserDto } from '../dto/user.dto';
import { userMessages } from './users.messages';

void Fragment;

type M = ReturnType<typeof userMessages.in>;

/** What the pages show of an organisation: its name and kind (organisations are not victim data). */
export interface OrganisationChoice {
  id: string;
  name: string;
}

function stateOf(user: UserDto, m: M): string {
  const states = [user.disabled ? m('state_disabled') : m('state_active')];
  if (user.locked) states.push(m('state_locked'));
  if (user.passwordChangeRequired) states.push(m('state_must_change'));
  return states.join('; ');
}

export interface UsersListProps {
  page: PageContext;
  users: readonly UserDto[];
  organisations: readonly OrganisationChoice[];
  values: FormValues;
  errors?: FormErrors;
}

export function UsersListPage(props: UsersListProps): Html {
  const { page } = props;
  const m = userMessages.in(page.language);
  const r = roleMessages.in(page.language);
  const names = new Map(props.organisations.map((o) => [o.id, o.name]));
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      <p>
        <a class="button" href="/ui/users/new">
          {m('new_user')}
        </a>
      </p>
      <form method="get" action="/ui/users" class="filters">
        <SelectField
          name="organisationId"
          label={m('organisation')}
          values={props.values}
          errors={props.errors}
          blank={m('all_organisations')}
          choices={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          name="includeDisabled"
          label={m('include_disabled')}
          values={props.values}
          errors={props.errors}
          choices={[
            { value: 'false', label: m('include_disabled_no') },
            { value: 'true', label: m('include_disabled_yes') },
          ]}
        />
        <div class="actions">
          <button type="submit">{m('show')}</button>
        </div>
      </form>
      {props.users.length ? (
        <table>
          <caption>{m('list_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('username')}</th>
              <th scope="col">{m('organisation')}</th>
              <th scope="col">{m('role')}</th>
              <th scope="col">{m('state')}</th>
              <th scope="col">{m('second_factor')}</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((user) => (
              <tr>
                <th scope="row">
                  <a href={`/ui/users/${user.id}`}>{user.username}</a>
                </th>
                <td>{names.get(user.organisationId) ?? user.organisationId}</td>
                <td>{r(user.role)}</td>
                <td>{stateOf(user, m)}</td>
                <td>{user.mfaEnrolled ? m('factor_on') : m('factor_off')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="notice">{m('none_yet')}</p>
      )}
    </Layout>
  );
}

export interface NewUserProps {
  page: PageContext;
  organisations: readonly OrganisationChoice[];
  roles: readonly Role[];
  values?: FormValues;
  errors?: FormErrors;
}

export function NewUserPage(props: NewUserProps): Html {
  const { page } = props;
  const m = userMessages.in(page.language);
  const r = roleMessages.in(page.language);
  const labels = { username: m('username'), organisationId: m('organisation'), role: m('role') };
  return (
    <Layout page={page} title={m('create_title')}>
      <h1>{m('create_title')}</h1>
      <p>{m('create_intro')}</p>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="post" action="/ui/users/new" autocomplete="off">
        <CsrfField page={page} />
        <TextField
          name="username"
          label={labels.username}
          hint={m('username_hint')}
          values={props.values}
          errors={props.errors}
          required
          maxlength={64}
        />
        <SelectField
          name="organisationId"
          label={labels.organisationId}
          values={props.values}
          errors={props.errors}
          required
          choices={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          name="role"
          label={labels.role}
          hint={m('role_hint')}
          values={props.values}
          errors={props.errors}
          required
          choices={props.roles.map((role) => ({ value: role, label: r(role) }))}
        />
        <div class="actions">
          <button type="submit">{m('create')}</button>
          <a href="/ui/users">{m('to_list')}</a>
        </div>
      </form>
    </Layout>
  );
}

/** The one time a generated password is shown: after creating the account, or resetting its password. */
export function PasswordShownOncePage(props: {
  page: PageContext;
  user: UserDto;
  password: string;
  kind: 'created' | 'reset';
  /** Where the account's page is: the administrator's /ui/users, or the manager's /ui/staff. */
  base?: string;
}): Html {
  const { page, user } = props;
  const m = userMessages.in(page.language);
  const title = props.kind === 'created' ? m('created_title') : m('password_reset_title');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="notice warn" role="status">
        {props.kind === 'created' ? m('created_text') : m('password_reset_text')}
      </p>
      <dl class="facts">
        <dt>{m('username')}</dt>
        <dd>{user.username}</dd>
        <dt>{props.kind === 'created' ? m('initial_password') : m('new_password')}</dt>
        <dd>
          <code class="secret">{props.password}</code>
        </dd>
      </dl>
      <p>
        <a href={`${props.base ?? '/ui/users'}/${user.id}`}>{m('to_user')}</a>
      </p>
    </Layout>
  );
}

/** A grave action: the page's script asks first, and without script the box must be ticked. */
function GraveForm(props: {
  page: PageContext;
  action: string;
  title: string;
  text: string;
  button: string;
  question: string;
  errors?: FormErrors;
  children?: Html;
}): Html {
  const m = userMessages.in(props.page.language);
  const id = `confirm-${props.action.split('/').slice(-2).join('-')}`;
  const error = props.errors?.[`confirm:${props.action}`];
  return (
    <section>
      <h2>{props.title}</h2>
      <p>{props.text}</p>
      <form method="post" action={props.action} data-confirm={props.question}>
        <CsrfField page={props.page} />
        {props.children}
        <div class={error ? 'field has-error check' : 'field check'}>
          {error ? (
            <p class="error" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
          <input
            type="checkbox"
            id={id}
            name="confirm"
            value="yes"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <label for={id}>{m('confirm')}</label>
        </div>
        <div class="actions">
          <button type="submit" class="danger">
            {props.button}
          </button>
        </div>
      </form>
    </section>
  );
}

export interface UserProps {
  page: PageContext;
  user: UserDto;
  organisation: OrganisationChoice;
  /** The roles that fit the organisation's kind. */
  roles: readonly Role[];
  notice?: string;
  /** A refusal said at the top (one's own account). */
  refusal?: string;
  /** Problems by field; a grave form's confirmation is `confirm:<its action>`. */
  errors?: FormErrors;
  /**
   * The manager's page of one of its staff (/ui/staff): the two resets only; the administrator's
   * (/ui/users) has every action.
   */
  staff?: boolean;
}

export function UserPage(props: UserProps): Html {
  const { page, user } = props;
  const m = userMessages.in(page.language);
  const r = roleMessages.in(page.language);
  const list = props.staff ? '/ui/staff' : '/ui/users';
  const base = `${list}/${user.id}`;
  return (
    <Layout page={page} title={m('user_title')}>
      <h1>{m('user_title')}</h1>
      <p>
        <a href={list}>{props.staff ? m('to_staff') : m('to_list')}</a>
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
      <dl class="facts">
        <dt>{m('username')}</dt>
        <dd>{user.username}</dd>
        <dt>{m('organisation')}</dt>
        <dd>{props.organisation.name}</dd>
        <dt>{m('role')}</dt>
        <dd>{r(user.role)}</dd>
        <dt>{m('state')}</dt>
        <dd>{stateOf(user, m)}</dd>
        <dt>{m('second_factor')}</dt>
        <dd>{user.mfaEnrolled ? m('factor_on') : m('factor_off')}</dd>
        <dt>{m('created_at')}</dt>
        <dd>{user.createdAt.slice(0, 10)}</dd>
      </dl>
      {props.staff ? null : user.locked ? (
        <section>
          <h2>{m('unlock_title')}</h2>
          <p>{m('unlock_text')}</p>
          <form method="post" action={`${base}/unlock`}>
            <CsrfField page={page} />
            <button type="submit">{m('unlock')}</button>
          </form>
        </section>
      ) : null}
      {props.staff ? null : user.disabled ? (
        <section>
          <h2>{m('enable_title')}</h2>
          <form method="post" action={`${base}/enable`}>
            <CsrfField page={page} />
            <button type="submit">{m('enable')}</button>
          </form>
        </section>
      ) : (
        <GraveForm
          page={page}
          action={`${base}/disable`}
          title={m('disable_title')}
          text={m('disable_text')}
          button={m('disable')}
          question={m('disable_confirm')}
          errors={props.errors}
        />
      )}
      {props.staff ? null : <GraveForm
        page={page}
        action={`${base}/role`}
        title={m('role_title')}
        text={m('role_hint')}
        button={m('change_role')}
        question={m('role_confirm')}
        errors={props.errors}
      >
        <SelectField
          name="role"
          label={m('role')}
          values={{ role: user.role }}
          errors={props.errors}
          required
          choices={props.roles.map((role) => ({ value: role, label: r(role) }))}
        />
      </GraveForm>}
      <GraveForm
        page={page}
        action={`${base}/password/reset`}
        title={m('reset_password_title')}
        text={m('reset_password_text')}
        button={m('reset_password')}
        question={m('reset_password_confirm')}
        errors={props.errors}
      />
      <GraveForm
        page={page}
        action={`${base}/second-factor/reset`}
        title={m('reset_factor_title')}
        text={m('reset_factor_text')}
        button={m('reset_factor')}
        question={m('reset_factor_confirm')}
        errors={props.errors}
      />
    </Layout>
  );
}

/** The manager's list of its own organisation's accounts, each to its page of resets. */
export function StaffListPage(props: { page: PageContext; users: readonly UserDto[] }): Html {
  const { page } = props;
  const m = userMessages.in(page.language);
  const r = roleMessages.in(page.language);
  return (
    <Layout page={page} title={m('staff_title')}>
      <h1>{m('staff_title')}</h1>
      <p>{m('staff_intro')}</p>
      <table>
        <caption>{m('staff_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{m('username')}</th>
            <th scope="col">{m('role')}</th>
            <th scope="col">{m('state')}</th>
            <th scope="col">{m('second_factor')}</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <th scope="row">
                <a href={`/ui/staff/${user.id}`}>{user.username}</a>
              </th>
              <td>{r(user.role)}</td>
              <td>{stateOf(user, m)}</td>
              <td>{user.mfaEnrolled ? m('factor_on') : m('factor_off')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
