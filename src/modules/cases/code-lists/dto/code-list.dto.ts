import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CodeList, CodeListCatalogue, CodeListValue } from '../code-list-catalogue';

export class CodeLabelsDto {
  @ApiProperty({ description: 'English' }) en: string;
  @ApiProperty({ description: 'Russian' }) ru: string;
  @ApiProperty({ description: 'Tajik' }) tg: string;
}

export class CodeListValueDto implements CodeListValue {
  @ApiProperty() code: string;
  @ApiProperty({ type: CodeLabelsDto }) labels: CodeLabelsDto;
}

export class CodeListDto implements CodeList {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The standard or the body the list comes from' }) source: string;
  @ApiPropertyOptional() version?: string;
  @ApiProperty({ type: [CodeListValueDto] }) values: CodeListValueDto[];
}

export class CodeListCatalogueDto implements CodeListCatalogue {
  @ApiProperty({ description: 'Changes whenever a list changes' }) version: string;
  @ApiProperty() attribution: string;
  @ApiProperty({ type: [CodeListDto] }) lists: CodeListDto[];
}
