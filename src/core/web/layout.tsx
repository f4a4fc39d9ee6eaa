import { randomUUID } from 'node:crypto';
import { Child, Html, jsx } from './jsx';
import { LANGUAGES } from './i18n';
import { common } from './messages';
import { navigationFor } from './navigation';
import type { PageContext } from './page';
import { CSRF_FIELD } from './csrf';
import { IDEMPOTENCY_FIELD } from '../idempotency/idempotency.exception';

export interface LayoutProps {
  page: PageContext;
  /** The page's title: words of the catalogue, never anything of a person. */
  title: string;
  children?: Child;
  /** A print view: the frame without menus. */
  print?: boolean;
}

/** The form token every form of a page carries. */
export function CsrfField(props: { page: PageContext }): Html {
  return <input type="hidden" name={CSRF_FIELD} value={props.page.csrf} />;
}

/**
 * A form that creates something carries a key made when the form is shown: sent twice (a double click,
 * a resent form), it creates one record, and the second answer goes where the first did.
 */
export function IdempotencyField(): Html {
  return <input type="hidden" name={IDEMPOTENCY_FIELD} value={randomUUID()} />;
}

/** The frame of every page: the menu for the person's role, the language, signing out, the idle warning. */
export function Layout(props: LayoutProps): Html {
  const { page } = props;
  const t = common.in(page.language);
  const user = page.user;
  return (
    <html lang={page.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} — ${t('app_name')}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/ui/assets/app.css" />
        <link rel="stylesheet" href="/ui/assets/print.css" media="print" />
        <script src="/ui/assets/app.js" defer />
      </head>
      <body
        data-idle-seconds={page.idleSeconds}
        data-ended-url="/ui/signed-out?reason=idle"
        class={props.print ? 'print-view' : undefined}
      >
        <a class="skip" href="#content">
          {t('skip_to_content')}
        </a>
        <header class="top">
          <a class="brand" href="/ui">
            <strong>{t('app_name')}</strong> <span>{t('app_tagline')}</span>
          </a>
          {user && !props.print ? (
            <nav aria-label={t('nav_label')}>
              <ul>
                {navigationFor(user.role).map((entry) => (
                  <li>
                    <a href={entry.path} aria-current={page.path === entry.path ? 'page' : undefined}>
                      {t(entry.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div class="session">
            <form method="post" action={user ? '/ui/account/language' : '/ui/language'} class="language">
              <CsrfField page={page} />
              <input type="hidden" name="back" value={page.path} />
              <label for="language-choice">{t('language')}</label>
              <select id="language-choice" name="language">
                {LANGUAGES.map((language) => (
                  <option value={language} selected={language === page.language}>
                    {t(`language_${language}` as const)}
                  </option>
                ))}
              </select>
              <button type="submit">{t('language_change')}</button>
            </form>
            {user ? (
              <form method="post" action="/ui/sign-out" class="sign-out">
                <CsrfField page={page} />
                <span>{t('signed_in_as', { username: user.username })}</span>
                <button type="submit">{t('sign_out')}</button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="content" tabindex={-1}>
          {props.children}
        </main>
        <footer>
          <p>{t('footer_text')}</p>
        </footer>
        {user ? (
          <div id="idle-warning" class="idle-warning" role="alertdialog" aria-labelledby="idle-title" hidden>
            <h2 id="idle-title">{t('idle_warning_title')}</h2>
            <p>{t('idle_warning_text')}</p>
            <form method="post" action="/ui/session/keep-alive">
              <CsrfField page={page} />
              <input type="hidden" name="back" value={page.path} />
              <button type="submit">{t('idle_stay')}</button>
            </form>
          </div>
        ) : null}
      </body>
    </html>
  );
}

/** A page that only says something: a refusal, an ending, a confirmation. */
export function MessagePage(props: { page: PageContext; title: string; text: string; children?: Child }): Html {
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      {props.children}
    </Layout>
  );
}
