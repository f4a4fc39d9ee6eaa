import type { PersonFields } from '../persons';
import type { CaseFields } from './case-codec';
import {
  CaseInClear,
  fieldNames,
  toFullView,
  toInvestigationView,
  toReferralView,
  VIEW_CASE_FIELDS,
} from './case-views';
import type { VictimCase } from './entities/victim-case.entity';

const record = {
  id: 'c1',
  reference: 'TJ-2026-00001',
  organisationId: 'o1',
  personId: 'p1',
  stage: 'identified',
  traffickingStatus: 'PossibleVictimOfTrafficking',
  statusDecidedBy: null,
  statusDecidingOrganisationId: null,
  ownerUserId: 'u1',
  registeredOn: '2026-03-14',
  gender: 'Feminine',
  ageBand: '27--29',
  citizenship: 'TJK',
  regionOfOrigin: 'TJ-SU',
  countryOfExploitation: 'RUS',
  exploitationTypes: ['ForcedLabour'],
  meansOfControl: ['DebtBondage'],
  labourSector: 'F_Construction',
  citizenships: ['TJK'],
  recruitmentMethods: ['AtWork'],
  sexExploitationTypes: [],
  closureReason: null,
  referringOrganisationType: 'NGO',
  incomingReferralDate: '2026-03-01',
  incomingReferralReason: 'Other',
  referringOrganisationName: null,
  incomingReferralDetails: null,
  accompanyingChildren: 2,
  accompanyingChildrenAgeBands: ['0--4', '9--12'],
  accompanyingDependants: 1,
  supportObjectives: null,
  actionPlan: null,
  version: 3,
  createdAt: new Date('2026-03-14T10:00:00Z'),
  updatedAt: new Date('2026-03-15T10:00:00Z'),
  stageChangedAt: new Date('2026-03-14T10:00:00Z'),
} as unknown as VictimCase;
const fields: CaseFields = {
  narrative: 'NARRATIVE',
  shelterLocation: 'SHELTER',
  healthNotes: 'HEALTH',
  psychosocialNotes: 'PSYCHOSOCIAL',
  referringOrganisationName: 'REFERRER',
  incomingReferralDetails: 'REFERRAL DETAILS',
  supportObjectives: 'OBJECTIVES',
  actionPlan: 'ACTION PLAN',
};
const person: PersonFields = {
  familyName: 'Karimova',
  givenName: 'Zarina',
  patronymic: null,
  dateOfBirth: '1998',
  identityDocuments: [{ type: 'passport', number: 'A1' }],
  phone: 'PHONE',
  address: 'ADDRESS',
  notes: 'PERSON-NOTES',
};
const inClear: CaseInClear = { record, fields, person, personId: 'p1', consents: [], screenings: [], events: [] };

describe('case views', () => {
  it('investigation holds no address, phone, shelter, health, psychosocial notes or narrative, by name or value', () => {
    const view = toInvestigationView(inClear);
    const text = JSON.stringify(view);
    for (const value of ['PHONE', 'ADDRESS', 'PERSON-NOTES', 'SHELTER', 'HEALTH', 'PSYCHOSOCIAL', 'NARRATIVE']) {
      expect(text).not.toContain(value);
    }
    expect(fieldNames(view)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/address|phone|shelter|health|psychosocial|notes|narrative/i)]),
    );
    expect(VIEW_CASE_FIELDS.investigation).toEqual([]);
  });

  it('referral shows the phone and narrative but not the address, shelter or notes', () => {
    const text = JSON.stringify(toReferralView(inClear));
    expect(text).toContain('PHONE');
    expect(text).toContain('NARRATIVE');
    for (const value of ['ADDRESS', 'PERSON-NOTES', 'SHELTER', 'HEALTH', 'PSYCHOSOCIAL'])
      expect(text).not.toContain(value);
  });

  it('full shows everything, and copies arrays so a view cannot change the record', () => {
    const view = toFullView(inClear, 30);
    expect(view).toMatchObject({ ...fields, version: 3, person: { ...person, id: 'p1' } });
    view.exploitationTypes.push('Other');
    expect(record.exploitationTypes).toEqual(['ForcedLabour']);
  });

  it('names nested person fields for the audit event', () => {
    expect(fieldNames(toInvestigationView(inClear))).toEqual(
      expect.arrayContaining(['person.familyName', 'reference']),
    );
  });
});
