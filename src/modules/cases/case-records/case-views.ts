import type { CaseView } from './case-access.service';
import type { IdentityDocument, PersonFields } from '../persons';
import type { CaseFields } from './case-codec';
import type { Consent } from './entities/consent.entity';
import type { Screening } from './entities/screening.entity';
import type { VictimCase } from './entities/victim-case.entity';
import { reflectionPeriodEnd } from './reflection-period';

/** A case with its person, decrypted for one request; views pick from it, field by field. */
export interface CaseInClear {
  record: VictimCase;
  fields: CaseFields;
  personId: string;
  person: PersonFields;
  consents: Consent[];
  screenings: Screening[];
  /** The case's events with their cities in clear (null when not decrypted for this view). */
  events: EventInClear[];
}

export interface EventInClear {
  id: string;
  type: string;
  occurredOn: string | null;
  country: string | null;
  city: string | null;
  description: string | null;
}

export interface EventView {
  id: string;
  type: string;
  occurredOn: string | null;
  country: string | null;
  city?: string | null;
  /** The full view only: a free text may say where the person is. */
  description?: string | null;
}

interface CodesPart {
  stage: string;
  traffickingStatus: string;
  statusDecidedBy: string | null;
  registeredOn: string;
  gender: string | null;
  ageBand: string | null;
  citizenship: string | null;
  /** Every citizenship, the first being `citizenship`. */
  citizenships: string[];
  countryOfExploitation: string | null;
  exploitationTypes: string[];
  meansOfControl: string[];
  labourSector: string | null;
}

export interface ConsentView {
  id: string;
  purpose: string;
  recipientOrganisationId: string | null;
  referralPurposes: string[];
  givenAt: string;
  givenBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

export interface ScreeningView {
  id: string;
  indicatorList: string;
  indicatorListVersion: string;
  indicators: string[];
  result: string;
  screenedBy: string;
  screenedAt: string;
}

export interface FullCaseView extends CodesPart {
  view: 'full';
  id: string;
  reference: string;
  organisationId: string;
  statusDecidingOrganisationId: string | null;
  /** The case owner inside the organisation (HTCDS cas_CaseOwner); the owner's view only. */
  ownerUserId: string;
  regionOfOrigin: string | null;
  /** An incoming referral from outside Panoh (name and details decrypted): the owner's alone. */
  referringOrganisationName: string | null;
  referringOrganisationType: string | null;
  incomingReferralDate: string | null;
  incomingReferralReason: string | null;
  incomingReferralDetails: string | null;
  /** Children and other dependants accompanying the person (counts and age bands, no names): the owner's alone. */
  accompanyingChildren: number | null;
  accompanyingChildrenAgeBands: string[];
  accompanyingDependants: number | null;
  /** The support plan's objectives and action plan (decrypted): the owner's alone. */
  supportObjectives: string | null;
  actionPlan: string | null;
  /** Why the case was closed (a code; null until closed). */
  closureReason: string | null;
  /** HTCDS vic_MethodOfRecruitment: the owner's alone (see docs/htcds-mapping.md). */
  recruitmentMethods: string[];
  /** HTCDS vic_TypeOfSexExploitation: the owner's alone (see docs/htcds-mapping.md). */
  sexExploitationTypes: string[];
  narrative: string | null;
  shelterLocation: string | null;
  healthNotes: string | null;
  psychosocialNotes: string | null;
  /** When the case reached its stage: the start of the recovery and reflection period at `reflection`. */
  stageChangedAt: string;
  /** At `reflection`: the day (YYYY-MM-DD, UTC) the recovery and reflection period ends; otherwise null. */
  reflectionEndsOn: string | null;
  person: {
    id: string;
    familyName: string;
    givenName: string;
    patronymic: string | null;
    dateOfBirth: string | null;
    identityDocuments: IdentityDocument[];
    phone: string | null;
    address: string | null;
    notes: string | null;
  };
  events: EventView[];
  consents: ConsentView[];
  screenings: ScreeningView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** For an organisation a case was referred to: what assistance needs, not where the person is. */
export interface ReferralCaseView extends CodesPart {
  view: 'referral';
  id: string;
  reference: string;
  organisationId: string;
  regionOfOrigin: string | null;
  narrative: string | null;
  /** Without the city. */
  events: EventView[];
  person: {
    id: string;
    familyName: string;
    givenName: string;
    patronymic: string | null;
    dateOfBirth: string | null;
    phone: string | null;
  };
  updatedAt: string;
}

/**
 * For law enforcement: who the person is and what happened, in codes. Never addresses, phone numbers,
 * shelter location, health or psychosocial notes, nor the narrative (which may say where the person is).
 */
export interface InvestigationCaseView extends CodesPart {
  view: 'investigation';
  id: string;
  reference: string;
  organisationId: string;
  /** With the city where it happened. */
  events: EventView[];
  person: {
    id: string;
    familyName: string;
    givenName: string;
    patronymic: string | null;
    dateOfBirth: string | null;
    identityDocuments: IdentityDocument[];
  };
  updatedAt: string;
}

export type CaseViewDto = FullCaseView | ReferralCaseView | InvestigationCaseView;

/** A line of GET /cases, in the caller's view (every view may show the person's name). */
export interface CaseSummary {
  view: CaseView;
  id: string;
  reference: string;
  organisationId: string;
  stage: string;
  traffickingStatus: string;
  /** When the case reached its stage, for the owner's deadlines that run from it (the reflection period); null in the other views. */
  stageChangedAt: string | null;
  registeredOn: string;
  /** Null once the person was erased. */
  familyName: string | null;
  givenName: string | null;
}

/** Whether a view shows the events' cities (only then are they decrypted). */
export const VIEW_SHOWS_CITIES: Readonly<Record<CaseView, boolean>> = {
  full: true,
  referral: false,
  investigation: true,
};

/** Whether a view shows the events' descriptions (only then are they decrypted): the owner's alone. */
export const VIEW_SHOWS_EVENT_DESCRIPTIONS: Readonly<Record<CaseView, boolean>> = {
  full: true,
  referral: false,
  investigation: false,
};

/** The encrypted case fields each view shows: only these are decrypted for it. */
export const VIEW_CASE_FIELDS: Readonly<Record<CaseView, ReadonlyArray<keyof CaseFields>>> = {
  full: [
    'narrative',
    'shelterLocation',
    'healthNotes',
    'psychosocialNotes',
    'referringOrganisationName',
    'incomingReferralDetails',
    'supportObjectives',
    'actionPlan',
  ],
  referral: ['narrative'],
  investigation: [],
};

function codes(record: VictimCase): CodesPart {
  return {
    stage: record.stage,
    traffickingStatus: record.traffickingStatus,
    statusDecidedBy: record.statusDecidedBy,
    registeredOn: record.registeredOn,
    gender: record.gender,
    ageBand: record.ageBand,
    citizenship: record.citizenship,
    citizenships: [...record.citizenships],
    countryOfExploitation: record.countryOfExploitation,
    exploitationTypes: [...record.exploitationTypes],
    meansOfControl: [...record.meansOfControl],
    labourSector: record.labourSector,
  };
}

function documents(list: IdentityDocument[]): IdentityDocument[] {
  return list.map((d) => ({
    type: d.type,
    number: d.number,
    ...(d.issuingCountry ? { issuingCountry: d.issuingCountry } : {}),
  }));
}

/** Who the person is — names and date of birth: the part of the person every view shows. */
function whoTheyAre(c: CaseInClear) {
  const { person } = c;
  return {
    id: c.personId,
    familyName: person.familyName,
    givenName: person.givenName,
    patronymic: person.patronymic,
    dateOfBirth: person.dateOfBirth,
  };
}

/** The full view; `reflectionPeriodDays` (PANOH_REFLECTION_PERIOD_DAYS) dates the end of the reflection period. */
export function toFullView(c: CaseInClear, reflectionPeriodDays: number): FullCaseView {
  const { record, fields, person } = c;
  return {
    view: 'full',
    id: record.id,
    reference: record.reference,
    organisationId: record.organisationId,
    ...codes(record),
    statusDecidingOrganisationId: record.statusDecidingOrganisationId,
    ownerUserId: record.ownerUserId,
    regionOfOrigin: record.regionOfOrigin,
    referringOrganisationName: fields.referringOrganisationName,
    referringOrganisationType: record.referringOrganisationType,
    incomingReferralDate: record.incomingReferralDate,
    incomingReferralReason: record.incomingReferralReason,
    incomingReferralDetails: fields.incomingReferralDetails,
    accompanyingChildren: record.accompanyingChildren,
    accompanyingChildrenAgeBands: [...record.accompanyingChildrenAgeBands],
    accompanyingDependants: record.accompanyingDependants,
    supportObjectives: fields.supportObjectives,
    actionPlan: fields.actionPlan,
    closureReason: record.closureReason,
    recruitmentMethods: [...record.recruitmentMethods],
    sexExploitationTypes: [...record.sexExploitationTypes],
    narrative: fields.narrative,
    shelterLocation: fields.shelterLocation,
    healthNotes: fields.healthNotes,
    psychosocialNotes: fields.psychosocialNotes,
    stageChangedAt: record.stageChangedAt.toISOString(),
    reflectionEndsOn:
      record.stage === 'reflection'
        ? reflectionPeriodEnd(record.stageChangedAt, reflectionPeriodDays).toISOString().slice(0, 10)
        : null,
    person: {
      ...whoTheyAre(c),
      identityDocuments: documents(person.identityDocuments),
      phone: person.phone,
      address: person.address,
      notes: person.notes,
    },
    events: c.events.map(withDescription),
    consents: c.consents.map(toConsentView),
    screenings: c.screenings.map(toScreeningView),
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toReferralView(c: CaseInClear): ReferralCaseView {
  const { record, fields, person } = c;
  return {
    view: 'referral',
    id: record.id,
    reference: record.reference,
    organisationId: record.organisationId,
    ...codes(record),
    regionOfOrigin: record.regionOfOrigin,
    narrative: fields.narrative,
    events: c.events.map(withoutCity),
    person: {
      ...whoTheyAre(c),
      phone: person.phone,
    },
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toInvestigationView(c: CaseInClear): InvestigationCaseView {
  const { record, person } = c;
  return {
    view: 'investigation',
    id: record.id,
    reference: record.reference,
    organisationId: record.organisationId,
    ...codes(record),
    events: c.events.map(withCity),
    person: {
      ...whoTheyAre(c),
      identityDocuments: documents(person.identityDocuments),
    },
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toView(view: CaseView, c: CaseInClear, reflectionPeriodDays: number): CaseViewDto {
  switch (view) {
    case 'full':
      return toFullView(c, reflectionPeriodDays);
    case 'referral':
      return toReferralView(c);
    case 'investigation':
      return toInvestigationView(c);
  }
}

/**
 * A case in a list. The list reads only the columns CASE_SUMMARY_CONTENT selects (case.repository.ts):
 * a field added here needs its column there, or it reads as null.
 */
export function toSummary(
  view: CaseView,
  record: VictimCase,
  person: Pick<PersonFields, 'familyName' | 'givenName'> | null,
): CaseSummary {
  return {
    view,
    id: record.id,
    reference: record.reference,
    organisationId: record.organisationId,
    stage: record.stage,
    traffickingStatus: record.traffickingStatus,
    stageChangedAt: view === 'full' ? record.stageChangedAt.toISOString() : null,
    registeredOn: record.registeredOn,
    familyName: person?.familyName ?? null,
    givenName: person?.givenName ?? null,
  };
}

function withoutCity(event: EventInClear): EventView {
  return { id: event.id, type: event.type, occurredOn: event.occurredOn, country: event.country };
}

function withCity(event: EventInClear): EventView {
  return { ...withoutCity(event), city: event.city };
}

function withDescription(event: EventInClear): EventView {
  return { ...withCity(event), description: event.description };
}

export function toConsentView(consent: Consent): ConsentView {
  return {
    id: consent.id,
    purpose: consent.purpose,
    recipientOrganisationId: consent.recipientOrganisationId,
    referralPurposes: consent.referralPurposes,
    givenAt: consent.givenAt.toISOString(),
    givenBy: consent.givenBy,
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: consent.withdrawnBy,
  };
}

export function toScreeningView(screening: Screening): ScreeningView {
  return {
    id: screening.id,
    indicatorList: screening.indicatorList,
    indicatorListVersion: screening.indicatorListVersion,
    indicators: [...screening.indicators],
    result: screening.result,
    screenedBy: screening.screenedBy,
    screenedAt: screening.screenedAt.toISOString(),
  };
}

/** The field names a view returned, nested ones as `person.x`, for the audit event. */
export function fieldNames(dto: object, prefix = ''): string[] {
  return Object.entries(dto).flatMap(([key, value]) =>
    key === 'person' && value && typeof value === 'object'
      ? fieldNames(value as object, 'person.')
      : [`${prefix}${key}`],
  );
}
