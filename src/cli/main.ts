import 'reflect-metadata';
import { UsageError } from './args';
import { CliContext, openCliContext } from './cli-context';
import { auditHeadsCommand, auditSealCommand, auditVerifyCommand } from './commands/audit.commands';
import { keyRetireCommand, keyRotateCommand, keyStatusCommand } from './commands/key.commands';
import { migrateCommand } from './commands/migrate.command';
import { createOrganisationCommand, listOrganisationsCommand } from './commands/organisation.commands';
import { releasePublishCommand, releaseVerifyCommand } from './commands/release.commands';
import { searchReindexCommand } from './commands/search.commands';
import { seedDemoCommand } from './commands/seed-demo.command';
import {
  changeRoleCommand,
  createUserCommand,
  disableUserCommand,
  enableUserCommand,
  listUsersCommand,
  unlockUserCommand,
} from './commands/user.commands';
import { readSecretFromStdin } from './read-secret';

type Command = (context: CliContext, argv: string[]) => Promise<void>;

export const COMMANDS: Record<string, { run: Command; usage: string }> = {
  migrate: { run: migrateCommand, usage: 'migrate                                   apply pending migrations' },
  'org:create': {
    run: createOrganisationCommand,
    usage:
      'org:create --name N --type T [--kind K] --region R\n' +
      '                                            create an organisation (kind: service or oversight; default\n' +
      '                                            oversight for CentralGovernmentOrganisation, else service);\n' +
      '                                            prints its id last',
  },
  'org:list': { run: listOrganisationsCommand, usage: 'org:list                                  list organisations' },
  'user:create': {
    run: createUserCommand,
    usage:
      'user:create --username U --org ID --role ROLE [--generate-password]\n' +
      '                                            create a user; the password is read from standard input',
  },
  'user:list': { run: listUsersCommand, usage: 'user:list [--org ID] [--all]              list users' },
  'user:disable': {
    run: disableUserCommand,
    usage: 'user:disable --username U                 disable a user and end its sessions',
  },
  'user:enable': { run: enableUserCommand, usage: 'user:enable --username U                  enable a disabled user' },
  'user:unlock': {
    run: unlockUserCommand,
    usage: 'user:unlock --username U                  unlock a user locked by failed logins',
  },
  'user:role': {
    run: changeRoleCommand,
    usage: 'user:role --username U --role ROLE        change a role and end its sessions',
  },
  'audit:seal': {
    run: auditSealCommand,
    usage: 'audit:seal                                chain and sign the audit events written so far',
  },
  'audit:verify': {
    run: auditVerifyCommand,
    usage: 'audit:verify [--heads FILE]               recompute the chain, check signatures (and heads kept outside)',
  },
  'audit:heads': {
    run: auditHeadsCommand,
    usage: 'audit:heads                               print the signed heads, one JSON line each',
  },
  'keys:status': {
    run: keyStatusCommand,
    usage: 'keys:status                               how many data keys each KEK version wraps',
  },
  'keys:rotate': {
    run: keyRotateCommand,
    usage:
      'keys:rotate [--batch-size N]              add a KEK version, make it active, re-wrap every data key;\n' +
      '                                            run again to continue an interrupted rotation',
  },
  'keys:retire': {
    run: keyRetireCommand,
    usage: 'keys:retire --version N                   remove KEK version N from the key file once nothing uses it',
  },
  'search:reindex': {
    run: searchReindexCommand,
    usage:
      "search:reindex [--batch-size N]           rewrite every person's duplicate-check values and search tokens\n" +
      '                                            (after the name normalisation or the index population changed)',
  },
  'release:publish': {
    run: releasePublishCommand,
    usage:
      'release:publish --period P                publish the statistics release of a closed year (2025) or\n' +
      '                                            quarter (2025-Q3); a new version when one exists',
  },
  'release:verify': {
    run: releaseVerifyCommand,
    usage: 'release:verify                            check the signature of every stored statistics release',
  },
  'seed:demo': {
    run: seedDemoCommand,
    usage: 'seed:demo                                 demo organisations and users (not in production)',
  },
};

function usage(): string {
  return ['Usage: npm run cli -- <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join(
    '\n',
  );
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const context = await openCliContext({
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readSecret: readSecretFromStdin,
  });
  try {
    await command.run(context, rest);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof UsageError ? `${message}\n\n${usage()}` : `error: ${message}`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await context.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
