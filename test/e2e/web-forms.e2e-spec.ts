import { Role, ROLES } from '../../src/core/access/role';
import { listRoutes } from '../../src/core/guard/route-inventory';
import { createUser, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

/** What a form may hold that its page never offers: each must get a 4xx or a next page, never a 500. */
const MALFORMED: Array<Record<string, string | string[]>> = [
  {},
  { anything: 'x' },
  { language: 'xx', back: 'https://elsewhere.example/' },
  { back: '/ui/../../etc' },
  { username: 'a\u0000b', password: '\u0007', totpCode: '12345678901234567890' },
  { currentPassword: 'x'.repeat(5000), newPassword: '' },
  { code: ['1', '2', '3'] },
  { familyName: '\u202e\u0000', dateOfBirth: '2025-02-30', stage: 'nowhere', purposes: ['a', 'b'] },
  { id: "'; DROP TABLE person; --", reason: '<script>alert(1)</script>' },
];

describe('the web interface: every form, malformed, as every role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // One test a role, so that no single test nears its time limit on a loaded machine.
  for (const role of ROLES as readonly Role[]) {
    it(`answers each malformed form of ${role} with a refusal or the next page, never a failure and never an echo`, async () => {
      const forms = listRoutes(t.app).filter(
        (r) => r.method === 'POST' && r.path.startsWith('/ui/') && r.path !== '/ui/sign-out',
      );
      expect(forms.length).toBeGreaterThan(3);
      const failures: string[] = [];
      const web = new WebClient(t);
      await web.signIn(await createUser(t, role));
      for (const route of forms) {
        const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
        for (const fields of MALFORMED) {
          await web.get('/ui/account'); // a fresh form token, as a person opening a page would have
          const answer = await web.post(path, fields);
          if (answer.status >= 500 || answer.text.includes('<script>alert') || answer.text.includes('DROP TABLE')) {
            failures.push(`${role} POST ${route.path} ${JSON.stringify(fields).slice(0, 60)} → ${answer.status}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
