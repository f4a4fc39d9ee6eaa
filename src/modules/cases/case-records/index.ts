// The cases module's public face: what other modules may use of it.
export { CaseAccess, CASE_VIEWS, DISABLE_CHECK_SETTING, OWNER_ONLY, rankedVisibleSql } from './case-access.service';
export type {
  CaseContentScope,
  CaseKeyScope,
  CaseNeed,
  CaseRecordScope,
  CaseScope,
  CaseView,
} from './case-access.service';
export { CaseHistory } from './case-history';
export type { HistoryEntry, StageChangeFacts } from './case-history';
export { CASE_OWNER_ROLES, CaseOwners } from './case-owners';
export type { EligibleOwner } from './case-owners';
export { CaseRepository } from './case.repository';
export type { CaseWithKeys } from './case.repository';
export { CaseSealer } from './case-sealer';
export { CaseErrorCode, CaseException, caseNotFound } from './cases.exception';
export { CASE_ENTITIES, CasesModule } from './cases.module';
export type { CaseOutline } from './cases.service';
export { CaseOwnedRow, CasePartRecord } from './entities/case-owned-row';
export { Consent } from './entities/consent.entity';
export { TraffickingEvent } from './entities/trafficking-event.entity';
export { TraffickingEventChange } from './entities/trafficking-event-change.entity';
export type { TraffickingEventChangeKind } from './entities/trafficking-event-change.entity';
export { EVENT_CHANGE_TABLE, EventChanges, eventChange } from './event-changes';
export type { EventChangeFacts } from './event-changes';
export { StageChange } from './entities/stage-change.entity';
export { VictimCase } from './entities/victim-case.entity';
export { CasesService } from './cases.service';
export { reflectionPeriodEnd, statusDecisionDue } from './reflection-period';
export type { CasePage } from './cases.service';
export type {
  CaseSummary,
  CaseViewDto,
  ConsentView,
  EventView,
  FullCaseView,
  InvestigationCaseView,
  ReferralCaseView,
  ScreeningView,
} from './case-views';
export { CaseListQueryDto, ChangeCaseOwnerDto, CreateCaseDto, TraffickingEventDto, UpdateCaseDto } from './dto/case.dto';
