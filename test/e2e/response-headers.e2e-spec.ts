import { Role } from '../../src/core/access/role';
import { createUser, login, startTestApp, TestApp } from '../support/test-app';

/** Features a page of the service must never be able to use (the policy denies more). */
const DENIED = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'bluetooth', 'display-capture'];

describe('what every answer carries, and what it does not', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_OPENAPI_DOCS: 'true' });
    token = await login(t, await createUser(t, Role.Caseworker));
  });
  afterAll(() => t.close());

  it('sends no ETag, a hash of the body, on an authenticated answer, and answers If-None-Match in full', async () => {
    const first = await t.http().get('/auth/me').set('Authorization', `Bearer ${token}`);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBeUndefined();
    // A guessed validator tells nothing either: no 304 for a body the client names.
    const again = await t
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${token}`)
      .set('If-None-Match', 'W/"1a-anything"');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.etag).toBeUndefined();
  });

  it('sends no ETag on public answers, errors or the API description either', async () => {
    for (const path of ['/health', '/no/such/route', '/docs-json', '/cases']) {
      const response = await t.http().get(path);
      expect({ path, etag: response.headers.etag }).toEqual({ path, etag: undefined });
    }
  });

  it('sends a Permissions-Policy that denies camera, microphone, location, payment and devices everywhere', async () => {
    for (const path of ['/health', '/auth/me', '/no/such/route', '/docs/']) {
      const response = await t.http().get(path).set('Authorization', `Bearer ${token}`);
      const policy = String(response.headers['permissions-policy']);
      for (const feature of DENIED) {
        expect({ path, feature, denied: policy.split(/,\s*/).includes(`${feature}=()`) }).toEqual({
          path,
          feature,
          denied: true,
        });
      }
    }
  });

  it('still serves the API documentation page and its assets when asked for', async () => {
    const page = await t.http().get('/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const script = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await t.http().get(`/docs/${script}`);
    expect(asset.status).toBe(200);
    const json = await t.http().get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.paths['/auth/login']).toBeDefined();
  });
});

describe('the API documentation when it is not asked for', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_OPENAPI_DOCS: 'false' });
  });
  afterAll(() => t.close());

  it('is not served at all', async () => {
    for (const path of ['/docs', '/docs/', '/docs-json']) {
      const response = await t.http().get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});
