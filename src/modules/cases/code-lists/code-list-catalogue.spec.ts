import { codeListCatalogue } from './code-list-catalogue';
import { EXPLOITATION_TYPES, GENDERS, HTCDS_MEANS_OF_CONTROL, MEANS_OF_CONTROL } from './code-lists';
import { PERPETRATOR_ROLES } from './investigation-lists';
import { ASSISTANCE_TYPES, HTCDS_SUPPORT_PLAN_TYPES } from './support-plan-lists';

describe('the code list catalogue', () => {
  const catalogue = codeListCatalogue();

  it('labels every value in English, Russian and Tajik', () => {
    for (const list of catalogue.lists) {
      for (const value of list.values) {
        expect({
          list: list.name,
          code: value.code,
          ok: [value.labels.en, value.labels.ru, value.labels.tg].every((l) => l.trim().length > 0),
        }).toEqual({
          list: list.name,
          code: value.code,
          ok: true,
        });
        expect(value.labels.ru).toMatch(/[\u0400-\u04FF0-9]/);
        expect(value.labels.tg).toMatch(/[\u0400-\u04FF0-9]/);
      }
    }
  });

  it('lists every code of a list once', () => {
    for (const list of catalogue.lists) {
      const codes = list.values.map((v) => v.code);
      expect({ list: list.name, duplicates: codes.filter((c, i) => codes.indexOf(c) !== i) }).toEqual({
        list: list.name,
        duplicates: [],
      });
    }
  });

  it('uses the HTCDS value names exactly as the standard spells them', () => {
    expect(GENDERS).toEqual([
      'Feminine',
      'Masculine',
      'TransgenderFeminine',
      'TransgenderMasculine',
      'NonConforming',
      'NonSpecifiedUnknown',
    ]);
    expect(EXPLOITATION_TYPES).toContain('ForcedMilitaryByNonStateActors');
    expect(MEANS_OF_CONTROL).toContain('ThreatensChildrenFamily');
    const names = catalogue.lists.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("marks CTDC's RestrictsMovement and UsesChildren as a local extension of vic_MethodsOfControl", () => {
    const means = catalogue.lists.find((l) => l.name === 'meansOfControl');
    expect(means?.source).toContain('local extension');
    for (const local of ['RestrictsMovement', 'UsesChildren']) {
      expect(MEANS_OF_CONTROL).toContain(local);
      expect(HTCDS_MEANS_OF_CONTROL).not.toContain(local);
      const labels = means?.values.find((v) => v.code === local)?.labels;
      expect(labels?.en).toContain('local extension');
      expect(labels?.ru).toContain('местное дополнение');
      expect(labels?.tg).toContain('иловаи маҳаллӣ');
    }
  });

  it('keeps spl_Type and per_RoleInProcess as HTCDS spells them, and marks the local support-plan types', () => {
    expect(HTCDS_SUPPORT_PLAN_TYPES).toEqual([
      'Education',
      'Financial',
      'Health',
      'LabourExploitationRehabilitation',
      'Legal',
      'Livelihood',
      'RightsBasedTraining',
      'SexualExploitationRehabilitation',
      'SocialCare',
    ]);
    expect(ASSISTANCE_TYPES.slice(HTCDS_SUPPORT_PLAN_TYPES.length)).toEqual(['Shelter', 'Psychosocial', 'Return']);
    const assistance = catalogue.lists.find((l) => l.name === 'assistanceType');
    expect(assistance?.source).toContain('local extension');
    for (const local of ['Shelter', 'Psychosocial', 'Return']) {
      expect(assistance?.values.find((v) => v.code === local)?.labels.en).toContain('local extension');
    }
    expect(PERPETRATOR_ROLES).toEqual([
      'TravellingPartner',
      'Transporter',
      'RecruiterOrIntermediary',
      'BrokerTravelAgent',
      'TransferredIndividual',
      'HarbouredIndividual',
      'SoldIndividual',
      'BoughtIndividual',
      'ReceivedIndividual',
      'ControlledIndividual',
      'Smuggler',
      'Abuser',
      'Kidnapper',
      'Exploiter',
      'Other',
    ]);
  });

  it('names the HTCDS licence', () => {
    expect(catalogue.attribution).toContain('CC BY 4.0');
  });
});
