import type { Response } from 'supertest';
import type { TestApp } from './test-app';

const CSRF = /name="_csrf" value="([^"]+)"/;

/**
 * A browser without the browser, for page tests: it keeps the cookies the service sets, takes the
 * form token from the last page it read, and sends forms as a browser does (urlencoded). For what
 * needs a real browser (scripts, storage, accessibility) the Chromium tests drive one.
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  private csrf = '';
  /** The last answer, for assertions on status, headers and text. */
  last!: Response;

  constructor(private readonly t: TestApp) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The token of the forms of the page last read. */
  get formToken(): string {
    return this.csrf;
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.t.http().get(path).set('Cookie', this.cookieHeader).redirects(0));
  }

  /** Sends a form; the page's token is added unless `fields` names `_csrf` itself (or `withToken` is false). */
  async post(path: string, fields: Record<string, string | string[]> = {}, withToken = true): Promise<Response> {
    const body = new URLSearchParams();
    if (withToken && !('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    }
    return this.keep(
      await this.t
        .http()
        .post(path)
        .set('Cookie', this.cookieHeader)
        .type('form')
        .send(body.toString())
        .redirects(0),
    );
  }

  /**
   * Sends a form with a file as a browser does (multipart/form-data, the form token first); the
   * page's token is added unless `withToken` is false.
   */
  async postFile(
    path: string,
    fields: Record<string, string>,
    file: { content: Buffer; name: string; type?: string },
    withToken = true,
  ): Promise<Response> {
    let call = this.t.http().post(path).set('Cookie', this.cookieHeader).redirects(0);
    if (withToken) call = call.field('_csrf', this.csrf);
    for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
    call = call.attach('file', file.content, { filename: file.name, contentType: file.type ?? 'application/octet-stream' });
    return this.keep(await call);
  }

  /** Follows a 303 as a browser does after a form. */
  async follow(): Promise<Response> {
    const location = this.last.headers.location as string | undefined;
    if (!location) throw new Error(`nothing to follow: the answer was ${this.last.status}`);
    return this.get(location);
  }

  /** Signs in through the sign-in page; the client then holds the session cookie. */
  async signIn(user: { username: string; password: string }, totpCode?: string): Promise<Response> {
    await this.get('/ui/sign-in');
    let answer = await this.post('/ui/sign-in', { username: user.username, password: user.password });
    if (answer.status === 200 && totpCode) {
      answer = await this.post('/ui/sign-in/second-factor', { method: 'totp', totpCode });
    }
    if (answer.status !== 303) throw new Error(`sign-in failed with ${answer.status}`);
    return answer;
  }

  private keep(response: Response): Response {
    const set = response.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of set ?? []) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = CSRF.exec(response.text ?? '');
    if (token) this.csrf = token[1];
    this.last = response;
    return response;
  }
}
