import * as fs from 'node:fs';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { callerWith } from '../support/api';
import { launchChromium } from '../support/browser';
import { NEW_CASE } from '../support/case-fixtures';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { seedCases, times } from '../support/statistics-seed';
import { createTestDatabase } from '../support/test-cluster';
import { createOrganisation, createUser, login, startTestApp, TestUser } from '../support/test-app';

/**
 * `npm run screenshots`: the main pages in Tajik and Russian, as docs/screenshots/ shows them, taken
 * from a service on a fresh database with one made-up case (no real person is in any of them).
 */
const OUT = path.join(process.cwd(), 'docs', 'screenshots');

async function main(): Promise<void> {
  process.env.PANOH_LOG_LEVEL = 'silent';
  await globalSetup();
  const db = await createTestDatabase();
  const t = await startTestApp({ NODE_ENV: 'development', PANOH_REQUIRE_MFA: 'false' }, db);
  const browser = await launchChromium();
  try {
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const khujand = await createOrganisation(t, 'Паноҳгоҳи Хуҷанд', 'Shelter');
    const dushanbe = await createOrganisation(t, 'Паноҳгоҳи Душанбе', 'Shelter');
    const caseworker = await createUser(t, Role.Caseworker, khujand);
    const manager = await createUser(t, Role.OrgManager, dushanbe);
    const commission = await createUser(t, Role.Commission);
    const auditor = await createUser(t, Role.Auditor);
    const admin = await createUser(t, Role.Admin);
    await seedCases(t.db, { organisationId: khujand, userId: caseworker.id }, [
      ...times(31, { region: 'TJ-SU', gender: 'Feminine' }),
      ...times(14, { region: 'TJ-DU', gender: 'Feminine' }),
      ...times(18, { region: 'TJ-SU', gender: 'Masculine' }),
      ...times(12, { region: 'TJ-KT', gender: 'Feminine' }),
    ]);
    const api = callerWith(t, await login(t, caseworker));
    const opened = await api.cases.create(NEW_CASE);
    const caseId = opened.body.id as string;
    const consentId = await api.consentToReferral(caseId, dushanbe, ['shelter']);
    const referral = await api.refer(caseId, {
      toOrganisationId: dushanbe,
      purpose: 'shelter',
      consentId,
      message: 'Needs a safe place in Dushanbe near the hospital.',
    });

    fs.mkdirSync(OUT, { recursive: true });
    const shots: Array<[string, TestUser | undefined, string]> = [
      ['sign-in', undefined, '/ui/sign-in'],
      ['cases', caseworker, '/ui/cases'],
      ['new-case', caseworker, '/ui/cases/new'],
      ['case', caseworker, `/ui/cases/${caseId}`],
      ['referral', manager, `/ui/referrals/${referral.id}`],
      ['statistics', commission, '/ui/statistics'],
      ['audit', auditor, `/ui/audit?caseId=${caseId}`],
      ['users', admin, '/ui/users'],
    ];
    for (const language of ['tg', 'ru']) {
      for (const [name, user, address] of shots) {
        const context = await browser.newContext({
          locale: language,
          extraHTTPHeaders: { 'Accept-Language': language },
          viewport: { width: 1200, height: 860 },
        });
        const page = await context.newPage();
        if (user) {
          await page.goto(`${base}/ui/sign-in`);
          await page.fill('[name=username]', user.username);
          await page.fill('[name=password]', user.password);
          await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
        }
        await page.goto(`${base}${address}`);
        const file = path.join(OUT, `${name}.${language}.png`);
        await page.screenshot({ path: file });
        console.log(`${path.relative(process.cwd(), file)}  ${address.split('?')[0]}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await t.close();
    await db.drop();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
