import { OrganisationsService } from '../../modules/organisations';
import { ORGANISATION_TYPES, OrganisationType, TJ_REGIONS, TjRegion } from '../../modules/organisations';
import { ORGANISATION_KINDS, OrganisationKind } from '../../modules/organisations';
import { parseOptions, UsageError } from '../args';
import { AuditAction } from '../../core/audit/audit-action';
import { CliContext } from '../cli-context';
import { recordCliAction } from './audit.commands';

export async function createOrganisationCommand(context: CliContext, argv: string[]): Promise<void> {
  const options = parseOptions(argv, {
    strings: ['name', 'type', 'kind', 'region'],
    required: ['name', 'type', 'region'],
  });
  const type = options.type as string;
  const kind = options.kind as string | undefined;
  const region = options.region as string;
  if (!(ORGANISATION_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--type must be one of: ${ORGANISATION_TYPES.join(', ')}`);
  }
  if (kind !== undefined && !(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of: ${ORGANISATION_KINDS.join(', ')}`);
  }
  if (!(TJ_REGIONS as readonly string[]).includes(region))
    throw new UsageError(`--region must be one of: ${TJ_REGIONS.join(', ')}`);
  const services = await context.services();
  const created = await services.get(OrganisationsService).create({
    name: options.name as string,
    type: type as OrganisationType,
    kind: kind as OrganisationKind | undefined,
    region: region as TjRegion,
  });
  await recordCliAction(context, AuditAction.OrganisationCreated, {
    organisationId: created.id,
    type: created.type,
    kind: created.kind,
    region: created.region,
  });
  context.out(`created organisation ${created.name} (${created.type}, ${created.kind}, ${created.region})`);
  context.out(created.id);
}

export async function listOrganisationsCommand(context: CliContext): Promise<void> {
  const services = await context.services();
  for (const o of await services.get(OrganisationsService).list())
    context.out(`${o.id}  ${o.type.padEnd(30)} ${o.kind.padEnd(9)} ${o.region}  ${o.name}`);
}
