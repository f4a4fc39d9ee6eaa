import { createTestDatabase, TestDatabase } from '../support/test-cluster';
import { startTestApp, TestApp } from '../support/test-app';
import { TcpProxy } from '../support/tcp-proxy';

describe('the service', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /health with 200 when the database is up', async () => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('gives every response a request id and security headers', async () => {
    const response = await t.http().get('/health');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unknown route with 404 in the one error shape', async () => {
    const response = await t.http().get('/no/such/route');
    expect(response.status).toBe(404);
    expect(response.body).toEqual(
      expect.objectContaining({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) }),
    );
  });

  it('serves the OpenAPI description at /docs', async () => {
    const response = await t.http().get('/docs-json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/users', '/health']));
  });
});

describe('a request id sent by a client', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PANOH_TRUST_PROXY_HOPS: '0' });
  });
  afterAll(() => t.close());

  it('is replaced by the service own unless a proxy in front is trusted', async () => {
    const response = await t.http().get('/health').set('X-Request-Id', 'Zarina.Karimova.1998');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('when PostgreSQL goes away', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(db.appUrl);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    t = await startTestApp({}, { ...db, appUrl: target.toString() });
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
    await db.drop();
  });

  it('answers 503 with a clear message, then recovers by itself when it is back', async () => {
    expect((await t.http().get('/health')).status).toBe(200);
    await proxy.cut();

    const health = await t.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.database).toBe('down');
    const login = await t.http().post('/auth/login').send({ username: 'someone', password: 'a password here' });
    expect(login.status).toBe(503);
    expect(login.body.message).toMatch(/database is unavailable/);
    expect(login.headers['retry-after']).toBeDefined();

    await proxy.start();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await t.http().get('/health')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect((await t.http().post('/auth/login').send({ username: 'someone', password: 'a password here' })).status).toBe(
      401,
    );
  });
});
