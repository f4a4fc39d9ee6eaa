import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SingleLineText } from '../../../core/http/text-validation';
import { ORGANISATION_TYPES, TJ_REGIONS } from '../organisation-codes';
import type { OrganisationType, TjRegion } from '../organisation-codes';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Shelter Khujand' })
  @SingleLineText(1, 200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPES, description: 'HTCDS org_Type value name (plus Shelter)' })
  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @ApiProperty({ enum: TJ_REGIONS, description: 'ISO 3166-2:TJ region' })
  @IsIn(TJ_REGIONS)
  region: TjRegion;
}

export class OrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty({ enum: TJ_REGIONS }) region: TjRegion;
  @ApiProperty() createdAt: string;
}
