import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { SingleLineText } from '../../../../core/http/text-validation';
import { CASE_VIEWS, type CaseView } from '../../case-records';
import { SEARCH_FIELDS, type SearchField } from '../../persons';

export const SEARCH_LIMIT = 20;

/** What is searched for: in the body, never in the URL. */
export class CaseSearchDto {
  @ApiProperty({
    example: 'Rahimova Madina',
    description:
      'Names in any script, a case reference, a phone number or a document number, up to 10 words; ' +
      'matched word by word, exactly after normalisation (docs/crypto.md, "Search")',
  })
  @SingleLineText(1, 200)
  query: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: SEARCH_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

/** A case found, in the caller's view: its codes and the person's names, nothing the view does not show. */
export class CaseSearchHitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CASE_VIEWS }) view: CaseView;
  @ApiProperty({ example: 'TJ-2026-00042' }) reference: string;
  @ApiProperty() stage: string;
  @ApiProperty() traffickingStatus: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when the person was erased' })
  familyName: string | null;
  @ApiProperty({ nullable: true, type: String }) givenName: string | null;
  @ApiProperty({ description: 'How many of the searched words matched (the ranking)' }) matches: number;
  @ApiProperty({
    isArray: true,
    enum: [...SEARCH_FIELDS, 'reference'],
    description: "What matched; only fields the caller's view of the case shows are searched",
  })
  matchedOn: Array<SearchField | 'reference'>;
}

export class CaseSearchResultDto {
  @ApiProperty({ type: [CaseSearchHitDto] }) items: CaseSearchHitDto[];
  @ApiProperty({ description: 'How many words were searched for (after normalisation)' }) terms: number;
}
