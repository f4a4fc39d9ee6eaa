import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { CASE_VIEWS } from '../case-access.service';
import type { CaseView } from '../case-access.service';
import { IdentityDocumentDto } from '../../persons';
import type {
  CaseSummary,
  ConsentView,
  EventView,
  FullCaseView,
  InvestigationCaseView,
  ReferralCaseView,
  ScreeningView,
} from '../case-views';
import type { CasePage } from '../cases.service';

/*
 * The shapes of the case views in case-views.ts, for the API's description. Each class implements
 * its view's type, so a field a view gains and this file lacks fails the build.
 */

export class EventViewDto implements EventView {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty({ type: String, nullable: true }) occurredOn: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'In the full and investigation views' })
  city?: string | null;
}

export class ConsentViewDto implements ConsentView {
  @ApiProperty() id: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ type: String, nullable: true }) recipientOrganisationId: string | null;
  @ApiProperty({ type: [String] }) referralPurposes: string[];
  @ApiProperty() givenAt: string;
  @ApiProperty() givenBy: string;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnBy: string | null;
}

export class ScreeningViewDto implements ScreeningView {
  @ApiProperty() id: string;
  @ApiProperty() indicatorList: string;
  @ApiProperty() indicatorListVersion: string;
  @ApiProperty({ type: [String] }) indicators: string[];
  @ApiProperty() result: string;
  @ApiProperty() screenedBy: string;
  @ApiProperty() screenedAt: string;
}

/** The codes every view shows. */
abstract class CaseCodesDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() stage: string;
  @ApiProperty() traffickingStatus: string;
  @ApiProperty({ type: String, nullable: true }) statusDecidedBy: string | null;
  @ApiProperty() registeredOn: string;
  @ApiProperty({ type: String, nullable: true }) gender: string | null;
  @ApiProperty({ type: String, nullable: true }) ageBand: string | null;
  @ApiProperty({ type: String, nullable: true }) citizenship: string | null;
  @ApiProperty({ type: [String], description: 'HTCDS prs_Citizenship; the first is citizenship' })
  citizenships: string[];
  @ApiProperty({ type: String, nullable: true }) countryOfExploitation: string | null;
  @ApiProperty({ type: [String] }) exploitationTypes: string[];
  @ApiProperty({ type: [String] }) meansOfControl: string[];
  @ApiProperty({ type: String, nullable: true }) labourSector: string | null;
  @ApiProperty({ type: [EventViewDto] }) events: EventViewDto[];
  @ApiProperty() updatedAt: string;
}

export class InvestigationCasePersonDto {
  @ApiProperty() id: string;
  @ApiProperty() familyName: string;
  @ApiProperty() givenName: string;
  @ApiProperty({ type: String, nullable: true }) patronymic: string | null;
  @ApiProperty({ type: String, nullable: true }) dateOfBirth: string | null;
  @ApiProperty({ type: [IdentityDocumentDto] }) identityDocuments: IdentityDocumentDto[];
}

export class ReferralCasePersonDto {
  @ApiProperty() id: string;
  @ApiProperty() familyName: string;
  @ApiProperty() givenName: string;
  @ApiProperty({ type: String, nullable: true }) patronymic: string | null;
  @ApiProperty({ type: String, nullable: true }) dateOfBirth: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}

export class FullCasePersonDto extends InvestigationCasePersonDto {
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

export class FullCaseViewDto extends CaseCodesDto implements FullCaseView {
  @ApiProperty({ enum: ['full'] }) view: 'full';
  @ApiProperty({ type: String, nullable: true }) statusDecidingOrganisationId: string | null;
  @ApiProperty({ description: 'The case owner inside the organisation (HTCDS cas_CaseOwner), a user id' })
  ownerUserId: string;
  @ApiProperty({ type: String, nullable: true }) regionOfOrigin: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Incoming referral: the referring organisation' })
  referringOrganisationName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'HTCDS org_Type' }) referringOrganisationType: string | null;
  @ApiProperty({ type: String, nullable: true }) incomingReferralDate: string | null;
  @ApiProperty({ type: String, nullable: true }) incomingReferralReason: string | null;
  @ApiProperty({ type: String, nullable: true }) incomingReferralDetails: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'HTCDS prs_NumberOfChildren (accompanying)' })
  accompanyingChildren: number | null;
  @ApiProperty({ type: [String], description: 'Age bands of the accompanying children' })
  accompanyingChildrenAgeBands: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'Other accompanying dependants' })
  accompanyingDependants: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'HTCDS spl_Objectives' }) supportObjectives: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'HTCDS spl_ActionPlan' }) actionPlan: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the case was closed (code)' })
  closureReason: string | null;
  @ApiProperty({ type: [String], description: 'HTCDS vic_MethodOfRecruitment' }) recruitmentMethods: string[];
  @ApiProperty({ type: [String], description: 'HTCDS vic_TypeOfSexExploitation' }) sexExploitationTypes: string[];
  @ApiProperty({ type: String, nullable: true }) narrative: string | null;
  @ApiProperty({ type: String, nullable: true }) shelterLocation: string | null;
  @ApiProperty({ type: String, nullable: true }) healthNotes: string | null;
  @ApiProperty({ type: String, nullable: true }) psychosocialNotes: string | null;
  @ApiProperty({ description: 'When the case reached its stage (the reflection period runs from it)' })
  stageChangedAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'At the reflection stage: the day the recovery and reflection period ends (PANOH_REFLECTION_PERIOD_DAYS after stageChangedAt); otherwise null',
  })
  reflectionEndsOn: string | null;
  @ApiProperty({ type: FullCasePersonDto }) person: FullCasePersonDto;
  @ApiProperty({ type: [ConsentViewDto] }) consents: ConsentViewDto[];
  @ApiProperty({ type: [ScreeningViewDto] }) screenings: ScreeningViewDto[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

/** For an organisation a case was referred to: what assistance needs, not where the person is. */
export class ReferralCaseViewDto extends CaseCodesDto implements ReferralCaseView {
  @ApiProperty({ enum: ['referral'] }) view: 'referral';
  @ApiProperty({ type: String, nullable: true }) regionOfOrigin: string | null;
  @ApiProperty({ type: String, nullable: true }) narrative: string | null;
  @ApiProperty({ type: ReferralCasePersonDto }) person: ReferralCasePersonDto;
}

/** For law enforcement: who the person is and what happened, in codes; never where the person is. */
export class InvestigationCaseViewDto extends CaseCodesDto implements InvestigationCaseView {
  @ApiProperty({ enum: ['investigation'] }) view: 'investigation';
  @ApiProperty({ type: InvestigationCasePersonDto }) person: InvestigationCasePersonDto;
}

export const CASE_VIEW_DTOS = [FullCaseViewDto, ReferralCaseViewDto, InvestigationCaseViewDto];

/** A case in one of the three views, told apart by `view`. */
export const CASE_VIEW_SCHEMA = {
  oneOf: CASE_VIEW_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })),
  discriminator: {
    propertyName: 'view',
    mapping: {
      full: getSchemaPath(FullCaseViewDto),
      referral: getSchemaPath(ReferralCaseViewDto),
      investigation: getSchemaPath(InvestigationCaseViewDto),
    },
  },
};

export class CaseSummaryDto implements CaseSummary {
  @ApiProperty({ enum: CASE_VIEWS }) view: CaseView;
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() stage: string;
  @ApiProperty() traffickingStatus: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When the case reached its stage (the reflection period runs from it); in the full view only',
  })
  stageChangedAt: string | null;
  @ApiProperty() registeredOn: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the person was erased' })
  familyName: string | null;
  @ApiProperty({ type: String, nullable: true }) givenName: string | null;
}

export class CasePageDto implements CasePage {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
