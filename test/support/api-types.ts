/**
 * What the API client sends and reads, by operation. Requests are the service's own DTO classes, so a
 * misspelt or retired field fails the type check of the test that sends it; answers are the views the
 * service builds. Only types come from src (nothing of it runs here), and only through this file.
 */
import type { ErrorBody, FieldProblem } from '../../src/core/http/error-body';
import type { AccessLogPageDto } from '../../src/core/audit/dto/audit-query.dto';
import type { CreateCaseDto, UpdateCaseDto } from '../../src/modules/cases/case-records/dto/case.dto';
import type { GiveConsentDto } from '../../src/modules/cases/case-records/dto/consent.dto';
import type { RecordScreeningDto } from '../../src/modules/cases/case-records/dto/screening.dto';
import type { CasePage } from '../../src/modules/cases/case-records/cases.service';
import type {
  ConsentView,
  FullCaseView,
  InvestigationCaseView,
  ReferralCaseView,
  ScreeningView,
} from '../../src/modules/cases/case-records/case-views';
import type { ChangeStageDto } from '../../src/modules/cases/stages/dto/change-stage.dto';
import type { HistoryEntry, StageAnswer } from '../../src/modules/cases/stages/stages.service';
import type { CreatePersonDto, PersonDto, UpdatePersonDto } from '../../src/modules/cases/persons/dto/person.dto';
import type {
  DuplicateCheckDto,
  DuplicateCheckResultDto,
} from '../../src/modules/cases/persons/dto/duplicate-check.dto';
import type { DeclineReferralDto, SendReferralDto } from '../../src/modules/referrals/dto/referral.dto';
import type { ReferralPageDto, ReferralViewDto } from '../../src/modules/referrals/dto/referral-view.dto';
import type { NotificationPage } from '../../src/modules/notifications/notifications.service';
import type { CreateAssistanceItemDto, UpdateAssistanceItemDto } from '../../src/modules/assistance/dto/assistance.dto';
import type { AssistanceItemView } from '../../src/modules/assistance/assistance-views';
import type { CreatePerpetratorDto, UpdatePerpetratorDto } from '../../src/modules/investigations/dto/perpetrator.dto';
import type { CreateProceedingDto, UpdateProceedingDto } from '../../src/modules/investigations/dto/proceeding.dto';
import type { PerpetratorView, ProceedingView } from '../../src/modules/investigations/investigation-views';

export type {
  AccessLogPageDto as AccessLogPage,
  AssistanceItemView,
  CasePage,
  ChangeStageDto as ChangeStage,
  ConsentView,
  CreateAssistanceItemDto as PlanAssistance,
  CreateCaseDto as CreateCase,
  CreatePersonDto as CreatePerson,
  CreatePerpetratorDto as AddPerpetrator,
  CreateProceedingDto as AddProceeding,
  DeclineReferralDto as DeclineReferral,
  DuplicateCheckDto as DuplicateCheck,
  DuplicateCheckResultDto as DuplicateCheckResult,
  ErrorBody,
  FieldProblem,
  FullCaseView,
  GiveConsentDto as GiveConsent,
  HistoryEntry,
  InvestigationCaseView,
  NotificationPage,
  PerpetratorView,
  PersonDto as PersonView,
  ProceedingView,
  RecordScreeningDto as RecordScreening,
  ReferralCaseView,
  ReferralPageDto as ReferralPage,
  ReferralViewDto as ReferralView,
  ScreeningView,
  StageAnswer,
  UpdateAssistanceItemDto as UpdateAssistance,
  UpdateCaseDto as UpdateCase,
  UpdatePersonDto as UpdatePerson,
  UpdatePerpetratorDto as UpdatePerpetrator,
  UpdateProceedingDto as UpdateProceeding,
};

/** A referral as sent; without `dueAt` the client asks for an answer within a week. */
export type SendReferral = Omit<SendReferralDto, 'dueAt'> & { dueAt?: string };

type AnyCaseView = FullCaseView | ReferralCaseView | InvestigationCaseView;

/**
 * GET /cases/:id answers the caller's view of the case: the fields every view has, and the others as
 * possibly absent (which is what the view tests assert).
 */
export type CaseRead = Pick<AnyCaseView, keyof AnyCaseView> &
  Partial<Omit<FullCaseView, keyof AnyCaseView>> & { person: Partial<FullCaseView['person']> & { id: string } };

/** A case's history as GET /cases/:id/history answers it. */
export interface CaseHistory {
  items: HistoryEntry[];
}

/** A stage of the NRM, as a stage change names it. */
export type CaseStage = ChangeStageDto['to'];
