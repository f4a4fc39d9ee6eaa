import { ApiProperty } from '@nestjs/swagger';
import { PERPETRATOR_ROLES, PROCEEDING_KINDS, PROCEEDING_OUTCOMES } from '../cases/code-lists';
import type { PerpetratorRole, ProceedingKind, ProceedingOutcome } from '../cases/code-lists';
import { IdentityDocumentDto } from '../cases/persons';
import { Perpetrator } from './entities/perpetrator.entity';
import { Proceeding } from './entities/proceeding.entity';
import type { PerpetratorDetails } from './perpetrator-codec';

export class PerpetratorView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: PERPETRATOR_ROLES, isArray: true }) roles: PerpetratorRole[];
  @ApiProperty({ type: String, nullable: true }) gender: string | null;
  @ApiProperty({ type: String, nullable: true }) nationality: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty({ type: String, nullable: true }) dateOfBirth: string | null;
  @ApiProperty({ type: [IdentityDocumentDto] }) identityDocuments: PerpetratorDetails['identityDocuments'];
  @ApiProperty({ type: String, nullable: true }) roleDetails: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() recordedByOrganisationId: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ProceedingView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: PROCEEDING_KINDS }) kind: ProceedingKind;
  @ApiProperty() openedOn: string;
  @ApiProperty({ type: String, nullable: true }) closedOn: string | null;
  @ApiProperty({ enum: PROCEEDING_OUTCOMES, nullable: true }) outcome: ProceedingOutcome | null;
  @ApiProperty({ type: [String] }) perpetratorIds: string[];
  @ApiProperty({ type: String, nullable: true }) referenceNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() recordedByOrganisationId: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** Built field by field: no ciphertext, user id or owner copy can be serialised by accident. */
export function toPerpetratorView(record: Perpetrator, details: PerpetratorDetails): PerpetratorView {
  return {
    id: record.id,
    caseId: record.caseId,
    roles: record.roles,
    gender: record.gender,
    nationality: record.nationality,
    name: details.name,
    aliases: details.aliases,
    dateOfBirth: details.dateOfBirth,
    identityDocuments: details.identityDocuments,
    roleDetails: details.roleDetails,
    description: details.description,
    recordedByOrganisationId: record.recordedByOrganisationId,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toProceedingView(
  record: Proceeding,
  sealed: { referenceNumber: string | null; notes: string | null },
): ProceedingView {
  return {
    id: record.id,
    caseId: record.caseId,
    kind: record.kind,
    openedOn: record.openedOn,
    closedOn: record.closedOn,
    outcome: record.outcome,
    perpetratorIds: record.perpetratorIds,
    referenceNumber: sealed.referenceNumber,
    notes: sealed.notes,
    recordedByOrganisationId: record.recordedByOrganisationId,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
