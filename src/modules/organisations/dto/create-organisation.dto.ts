import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SingleLineText } from '../../../core/http/text-validation';
import { ORGANISATION_TYPES, TJ_REGIONS } from '../organisation-codes';
import type { OrganisationType, TjRegion } from '../organisation-codes';
import { ORGANISATION_KINDS } from '../organisation-kinds';
import type { OrganisationKind } from '../organisation-kinds';

const KIND_DESCRIPTION =
  'service: holds cases (shelters, NGOs, health, legal and social services, police units; caseworkers, ' +
  'managers, investigators). oversight: never holds a case (the Commission, data protection, operators; ' +
  'commission members, auditors, administrators). Fixed once users or cases depend on it.';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Shelter Khujand' })
  @SingleLineText(1, 200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPES, description: 'HTCDS org_Type value name (plus Shelter)' })
  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @ApiPropertyOptional({
    enum: ORGANISATION_KINDS,
    description: `${KIND_DESCRIPTION} Omitted: oversight for CentralGovernmentOrganisation, service for every other type.`,
  })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiProperty({ enum: TJ_REGIONS, description: 'ISO 3166-2:TJ region' })
  @IsIn(TJ_REGIONS)
  region: TjRegion;
}

export class OrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty({ enum: ORGANISATION_KINDS, description: KIND_DESCRIPTION }) kind: OrganisationKind;
  @ApiProperty({ enum: TJ_REGIONS }) region: TjRegion;
  @ApiProperty() createdAt: string;
}
