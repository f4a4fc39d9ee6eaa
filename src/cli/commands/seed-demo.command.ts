import { Role } from '../../core/access/role';
import { OrganisationsService } from '../../modules/organisations';
import { OrganisationType, TjRegion } from '../../modules/organisations';
import { OrganisationKind } from '../../modules/organisations';
import { UsersService } from '../../modules/users';
import { CliContext } from '../cli-context';

/** Service organisations hold the cases; the Commission and the secretariat are oversight bodies. */
const DEMO_ORGANISATIONS: Array<{
  key: string;
  name: string;
  type: OrganisationType;
  kind: OrganisationKind;
  region: TjRegion;
}> = [
  { key: 'khujand', name: 'Shelter Khujand', type: 'Shelter', kind: 'service', region: 'TJ-SU' },
  { key: 'dushanbe', name: 'Shelter Dushanbe', type: 'Shelter', kind: 'service', region: 'TJ-DU' },
  { key: 'ngo', name: 'Legal Aid NGO Dushanbe', type: 'NGO', kind: 'service', region: 'TJ-DU' },
  { key: 'mia', name: 'MIA Anti-Trafficking Unit', type: 'LawEnforcement', kind: 'service', region: 'TJ-DU' },
  {
    key: 'commission',
    name: 'Inter-Ministerial Commission on Counter Trafficking',
    type: 'CentralGovernmentOrganisation',
    kind: 'oversight',
    region: 'TJ-DU',
  },
  {
    key: 'secretariat',
    name: 'NRM Secretariat',
    type: 'CentralGovernmentOrganisation',
    kind: 'oversight',
    region: 'TJ-DU',
  },
];

const DEMO_USERS: Array<{ username: string; org: string; role: Role }> = [
  { username: 'caseworker.khujand', org: 'khujand', role: Role.Caseworker },
  { username: 'manager.khujand', org: 'khujand', role: Role.OrgManager },
  { username: 'caseworker.dushanbe', org: 'dushanbe', role: Role.Caseworker },
  { username: 'manager.dushanbe', org: 'dushanbe', role: Role.OrgManager },
  { username: 'caseworker.ngo', org: 'ngo', role: Role.Caseworker },
  { username: 'investigator.mia', org: 'mia', role: Role.Investigator },
  // The unit's head accepts or declines the referrals that reach its inbox.
  { username: 'manager.mia', org: 'mia', role: Role.OrgManager },
  { username: 'member.commission', org: 'commission', role: Role.Commission },
  { username: 'auditor', org: 'secretariat', role: Role.Auditor },
  { username: 'admin', org: 'secretariat', role: Role.Admin },
];

/** Demo organisations and one user for each role, with generated passwords printed once. Never in production. */
export async function seedDemoCommand(context: CliContext): Promise<void> {
  if (context.nodeEnv === 'production') throw new Error('seed:demo is refused in production');
  const services = await context.services();
  const organisations = services.get(OrganisationsService);
  const users = services.get(UsersService);
  const existing = await organisations.list();
  if (existing.some((o) => DEMO_ORGANISATIONS.some((d) => d.name.toLowerCase() === o.name.toLowerCase()))) {
    throw new Error('the demo data is already there (seed:demo runs once per database)');
  }
  const ids = new Map<string, string>();
  for (const organisation of DEMO_ORGANISATIONS) {
    const created = await organisations.create({
      name: organisation.name,
      type: organisation.type,
      kind: organisation.kind,
      region: organisation.region,
    });
    ids.set(organisation.key, created.id);
    context.out(`organisation  ${created.name} (${created.kind})  ${created.id}`);
  }
  context.out('');
  context.out('Demo users (passwords are shown this once):');
  for (const user of DEMO_USERS) {
    const created = await users.create({
      username: user.username,
      organisationId: ids.get(user.org) as string,
      role: user.role,
    });
    context.out(`  ${user.role.padEnd(13)} ${created.username.padEnd(22)} ${created.generatedPassword}`);
  }
}
