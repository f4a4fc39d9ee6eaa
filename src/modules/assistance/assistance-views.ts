import { ApiProperty } from '@nestjs/swagger';
import { ASSISTANCE_STATUSES, ASSISTANCE_TYPES } from '../cases/code-lists';
import type { AssistanceStatus, AssistanceType } from '../cases/code-lists';
import { AssistanceItem } from './entities/assistance-item.entity';

/**
 * An assistance item as answered. The same fields for the owner and for the providing organisation:
 * a sharing organisation is only ever shown the items it provides (see AssistanceService).
 */
export class AssistanceItemView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: ASSISTANCE_TYPES }) type: AssistanceType;
  @ApiProperty() providerOrganisationId: string;
  @ApiProperty({ enum: ASSISTANCE_STATUSES }) status: AssistanceStatus;
  @ApiProperty({ type: String, nullable: true }) plannedStart: string | null;
  @ApiProperty({ type: String, nullable: true }) plannedEnd: string | null;
  @ApiProperty({ type: String, nullable: true }) actualStart: string | null;
  @ApiProperty({ type: String, nullable: true }) actualEnd: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** Built field by field, so that nothing else of the row (ciphertext, user ids) can be serialised. */
export function toAssistanceItemView(item: AssistanceItem, notes: string | null): AssistanceItemView {
  return {
    id: item.id,
    caseId: item.caseId,
    type: item.type,
    providerOrganisationId: item.providerOrganisationId,
    status: item.status,
    plannedStart: item.plannedStart,
    plannedEnd: item.plannedEnd,
    actualStart: item.actualStart,
    actualEnd: item.actualEnd,
    notes,
    version: item.version,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}
