import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { CASE_STAGES, CLOSURE_REASONS, STATUS_DECISION_MAKERS } from '../../code-lists';
import type { CaseStage, StatusDecisionMaker } from '../../code-lists';
import { FreeText } from '../../../../core/http/text-validation';

/** Statuses a status decision may reach (HTCDS vic_TraffickingStatus, decided). */
export const DECIDED_STATUSES = ['ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'] as const;
export type DecidedStatus = (typeof DECIDED_STATUSES)[number];

/**
 * Moves a case to its next NRM stage. `reason` is why (encrypted, shown in the history). Moving to
 * `status_decided` carries the decision; doing it before the reflection period is over needs
 * `reflectionWaived` (the person asked for it; the reason says so).
 */
export class ChangeStageDto {
  @ApiProperty({ enum: CASE_STAGES })
  @IsIn(CASE_STAGES)
  to: CaseStage;

  @ApiProperty({ description: 'The version of the case this change was made on' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'Why; encrypted, shown in the history to the owning organisation' })
  @FreeText(1, 2000)
  reason: string;

  @ApiPropertyOptional({ enum: DECIDED_STATUSES, description: 'Required for status_decided' })
  @IsOptional()
  @IsIn(DECIDED_STATUSES)
  traffickingStatus?: DecidedStatus;

  @ApiPropertyOptional({ enum: STATUS_DECISION_MAKERS, description: 'Required for status_decided' })
  @IsOptional()
  @IsIn(STATUS_DECISION_MAKERS)
  statusDecidedBy?: StatusDecisionMaker;

  @ApiPropertyOptional({ description: 'The organisation that decided the status; required for status_decided' })
  @IsOptional()
  @IsUUID()
  decidingOrganisationId?: string;

  @ApiPropertyOptional({
    enum: CLOSURE_REASONS,
    description: 'Why the case is closed (a local code list; HTCDS cas_ReasonForCaseClosure); required for closed',
  })
  @IsOptional()
  @IsIn(CLOSURE_REASONS)
  closureReason?: string;

  @ApiPropertyOptional({ description: 'The person asked to end the reflection period early' })
  @IsOptional()
  @IsBoolean()
  reflectionWaived?: boolean;
}
