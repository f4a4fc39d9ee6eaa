export { ORGANISATION_TYPES, TJ_REGIONS } from './organisation-codes';
export type { OrganisationType, TjRegion } from './organisation-codes';
export { ORGANISATION_KINDS, oversightNamed, roleKindProblem } from './organisation-kinds';
export type { OrganisationKind } from './organisation-kinds';
export { OrganisationsModule } from './organisations.module';
export { OrganisationsService } from './organisations.service';
export { ORGANISATION_ENTITIES } from './organisations.module';
