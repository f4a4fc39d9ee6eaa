import { CSRF_FIELD, csrfTokenFor } from '../../src/core/web/csrf';
import { ROLE_PERMISSIONS } from '../../src/core/access/permission';
import { listRoutes } from '../../src/core/guard/route-inventory';
import { Role, ROLES } from '../../src/core/access/role';
import { createUser, login, startTestApp, TestApp } from '../support/test-app';

describe('the routes and who may call them', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists every route with its permission and audit action (a change here is a change in who may call what)', () => {
    const routes = listRoutes(t.app).map(
      (r) =>
        `${r.method.padEnd(6)} ${r.path.padEnd(28)} ${(r.permission ?? 'UNDECLARED').padEnd(20)} ${r.audit ?? '-'}`,
    );
    expect(routes).toMatchSnapshot();
  });

  it('lists the routes that read a smaller body than the default, with their limit', () => {
    const small = listRoutes(t.app)
      .filter((r) => r.bodyLimit !== undefined)
      .map((r) => `${r.method.padEnd(6)} ${r.path.padEnd(40)} ${r.bodyLimit}`);
    expect(small).toMatchSnapshot();
  });

  it('has no route without a declared permission', () => {
    expect(listRoutes(t.app).filter((r) => r.permission === undefined)).toEqual([]);
  });

  it('lists the permissions of each role (admin has none that reads case content)', () => {
    expect(ROLE_PERMISSIONS).toMatchSnapshot();
    expect(ROLE_PERMISSIONS[Role.Admin].some((p) => p.startsWith('case.') || p.startsWith('person.'))).toBe(false);
  });

  it('answers every route the way the permission table says, for every role and for no login', async () => {
    const routes = listRoutes(t.app).filter(
      (r) => r.permission !== 'public' && r.path !== '/auth/logout' && r.path !== '/ui/sign-out',
    );
    const tokens = new Map<Role, string>();
    for (const role of ROLES) tokens.set(role, await login(t, await createUser(t, role)));
    const matrix: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const call = () => t.http()[route.method.toLowerCase() as 'get'](path);
      // A page signs in with the session cookie and sends its form token; without a session it sends
      // the browser to the sign-in page.
      const page = route.path === '/ui' || route.path.startsWith('/ui/');
      const anonymous = await call();
      if (page) expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/ui/sign-in']);
      else expect(anonymous.status).toBe(401);
      const row: string[] = [];
      for (const role of ROLES) {
        const token = tokens.get(role) as string;
        const response = page
          ? await call()
              .set('Cookie', `panoh_session=${token}`)
              .type('form')
              .send({ [CSRF_FIELD]: csrfTokenFor(token, 'session') })
          : await call().set('Authorization', `Bearer ${token}`).send({});
        const allowed = (ROLE_PERMISSIONS[role] as readonly string[]).includes(route.permission as string);
        if (allowed) expect(response.status).not.toBe(403);
        else expect(response.status).toBe(403);
        row.push(`${role}=${allowed ? 'yes' : '403'}`);
      }
      matrix.push(`${route.method} ${route.path}: ${row.join(' ')}`);
    }
    expect(matrix).toMatchSnapshot();
  });
});
