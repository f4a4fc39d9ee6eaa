import { ApiProperty } from '@nestjs/swagger';
import { CASE_STAGES } from '../../code-lists/code-lists';
import type { CaseStage } from '../../code-lists/code-lists';
import type { HistoryEntry, StageAnswer } from '../stages.service';

/** One change of a case's stage, status or owner (a class for the API's description of HistoryEntry). */
export class HistoryEntryDto implements HistoryEntry {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['stage', 'transfer'] }) kind: 'stage' | 'transfer';
  @ApiProperty() fromStage: string;
  @ApiProperty() toStage: string;
  @ApiProperty({ type: String, nullable: true }) traffickingStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) statusDecidedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidingOrganisationId: string | null;
  @ApiProperty() reflectionWaived: boolean;
  @ApiProperty({ type: String, nullable: true }) fromOrganisationId: string | null;
  @ApiProperty({ type: String, nullable: true }) toOrganisationId: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty() changedBy: string;
  @ApiProperty() changedByOrganisationId: string;
  @ApiProperty() changedByRole: string;
  @ApiProperty() changedAt: string;
}

export class StageAnswerDto implements StageAnswer {
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: CASE_STAGES }) stage: CaseStage;
  @ApiProperty() traffickingStatus: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: CASE_STAGES, isArray: true, description: 'Where the case may go from here' })
  nextStages: CaseStage[];
  @ApiProperty({ type: HistoryEntryDto }) change: HistoryEntryDto;
}

export class CaseHistoryDto {
  @ApiProperty({ type: [HistoryEntryDto] }) items: HistoryEntryDto[];
}
