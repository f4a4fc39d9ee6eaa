/**
 * Organisation types: the HTCDS v2.0 `org_Type` value names, spelled as the standard spells them, plus
 * `Shelter`, which DESIGN.md names and HTCDS does not; an export maps it to HTCDS `NGO`.
 */
export const ORGANISATION_TYPES = [
  'NGO',
  'LawEnforcement',
  'HealthServiceOrganisation',
  'CentralGovernmentOrganisation',
  'LocalGovernmentOrganisation',
  'ImmigrationService',
  'LegalService',
  'CorporateBusiness',
  'SchoolOrCollege',
  'Shelter',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** ISO 3166-2:TJ first-level divisions. */
export const TJ_REGIONS = ['TJ-DU', 'TJ-SU', 'TJ-KT', 'TJ-GB', 'TJ-RA'] as const;
export type TjRegion = (typeof TJ_REGIONS)[number];
