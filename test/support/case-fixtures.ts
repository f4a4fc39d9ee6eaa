import type { CreateCase, CreatePerson } from './api-types';

/**
 * A person and a case with every field filled in, and the fields each view of a case may hold: the
 * allow-lists the tests hold the service to, written out here rather than read from the code.
 */
export const PERSON = {
  familyName: 'Каримова',
  givenName: 'Зарина',
  patronymic: 'Ҷӯраевна',
  dateOfBirth: '1998-04-02',
  identityDocuments: [{ type: 'passport', number: 'A 7730411', issuingCountry: 'TJK' }],
  phone: '+992 92 555 0101',
  address: 'Худжанд, кӯчаи Ленин 12',
  notes: 'Prefers to be called Zara.',
} satisfies CreatePerson;

export const CASE = {
  gender: 'Feminine',
  ageBand: '27--29',
  citizenship: 'TJK',
  citizenships: ['TJK', 'UZB'],
  regionOfOrigin: 'TJ-SU',
  countryOfExploitation: 'RUS',
  exploitationTypes: ['ForcedLabour'],
  meansOfControl: ['WithholdsDocuments', 'DebtBondage'],
  recruitmentMethods: ['ThroughFriendsOrSocialEvents', 'AtAPlaceOfBusiness'],
  sexExploitationTypes: ['PrivateSexualServices'],
  labourSector: 'F_Construction',
  narrative: 'Recruited in Khujand for building work in Moscow; passport taken on arrival.',
  shelterLocation: 'Khujand shelter, room 4',
  healthNotes: 'Untreated hand injury.',
  psychosocialNotes: 'Nightmares; weekly counselling.',
  referringOrganisationName: 'Маркази ёрии Ғарм-Referrer-5512',
  referringOrganisationType: 'NGO',
  incomingReferralDate: '2026-01-12',
  incomingReferralReason: 'AdditionalServicesRequired',
  incomingReferralDetails: 'Brought by their outreach worker; needs an interpreter-Details-7791.',
  accompanyingChildren: 2,
  accompanyingChildrenAgeBands: ['0--4', '9--12'],
  accompanyingDependants: 1,
  supportObjectives: 'Safe housing, then vocational training-Objectives-4417.',
  actionPlan: 'Week 1: medical check; week 3: training referral-Actions-8823.',
  events: [
    {
      type: 'Recruitment',
      occurredOn: '2024-03',
      country: 'TJK',
      city: 'Khujand',
      description: 'Met the recruiter at the bazaar; he promised a builder wage.',
    },
    { type: 'Exploitation', occurredOn: '2024-05-20', country: 'RUS', city: 'Moscow' },
  ],
} satisfies CreateCase;

/** A new case for a new person, every field filled in: the body of POST /cases. */
export const NEW_CASE = { person: PERSON, ...CASE } satisfies CreateCase;

const CODES = [
  'stage',
  'traffickingStatus',
  'statusDecidedBy',
  'registeredOn',
  'gender',
  'ageBand',
  'citizenship',
  'citizenships',
  'countryOfExploitation',
  'exploitationTypes',
  'meansOfControl',
  'labourSector',
];

export const FULL_FIELDS = [
  ...CODES,
  'view',
  'id',
  'reference',
  'organisationId',
  'statusDecidingOrganisationId',
  'ownerUserId',
  'regionOfOrigin',
  'closureReason',
  'referringOrganisationName',
  'referringOrganisationType',
  'incomingReferralDate',
  'incomingReferralReason',
  'incomingReferralDetails',
  'accompanyingChildren',
  'accompanyingChildrenAgeBands',
  'accompanyingDependants',
  'supportObjectives',
  'actionPlan',
  'recruitmentMethods',
  'sexExploitationTypes',
  'narrative',
  'shelterLocation',
  'healthNotes',
  'psychosocialNotes',
  'stageChangedAt',
  'reflectionEndsOn',
  'person',
  'events',
  'consents',
  'screenings',
  'version',
  'createdAt',
  'updatedAt',
].sort();
export const FULL_PERSON = [
  'id',
  'familyName',
  'givenName',
  'patronymic',
  'dateOfBirth',
  'identityDocuments',
  'phone',
  'address',
  'notes',
].sort();
export const REFERRAL_FIELDS = [
  ...CODES,
  'view',
  'id',
  'reference',
  'organisationId',
  'regionOfOrigin',
  'narrative',
  'events',
  'updatedAt',
  'person',
].sort();
export const REFERRAL_PERSON = ['id', 'familyName', 'givenName', 'patronymic', 'dateOfBirth', 'phone'].sort();
export const INVESTIGATION_FIELDS = [
  ...CODES,
  'view',
  'id',
  'reference',
  'organisationId',
  'events',
  'updatedAt',
  'person',
].sort();
export const INVESTIGATION_PERSON = [
  'id',
  'familyName',
  'givenName',
  'patronymic',
  'dateOfBirth',
  'identityDocuments',
].sort();
/** What the investigation view must never hold, by name and by value. */
export const FORBIDDEN_TO_INVESTIGATION = [
  'address',
  'phone',
  'shelterLocation',
  'healthNotes',
  'psychosocialNotes',
  'notes',
  'narrative',
];
