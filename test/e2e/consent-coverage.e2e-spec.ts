import { CONSENT_COVERAGE, ConsentCoverage } from '../../src/modules/referrals/consent-coverage';
import { asSuperuser, createTestDatabase, TestDatabase } from '../support/test-cluster';

/**
 * panoh_consent_coverage, the one statement of whether a consent covers a referral, asked by the
 * service when a referral is sent and by panoh_accept_referral when it is accepted (nrm.e2e-spec.ts
 * shows both through the API). Here the function itself, one answer after another.
 */
describe('whether a consent covers a referral (panoh_consent_coverage)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const CASE = '00000000-0000-4000-8000-000000000001';
  const SHELTER = '00000000-0000-4000-8000-0000000000a1';
  const UNIT = '00000000-0000-4000-8000-0000000000b1';
  const OTHER = '00000000-0000-4000-8000-0000000000c1';
  const toShelter = {
    case_id: CASE,
    purpose: 'referral',
    recipient_organisation_id: SHELTER,
    referral_purposes: ['shelter', 'medical'],
  };
  const disclosure = {
    case_id: CASE,
    purpose: 'law_enforcement_disclosure',
    recipient_organisation_id: null,
    referral_purposes: [],
  };
  const toUnit = { ...disclosure, recipient_organisation_id: UNIT };

  type Referral = { purpose: string; to: string; type: string };
  const medical: Referral = { purpose: 'medical', to: SHELTER, type: 'Shelter' };
  const police: Referral = { purpose: 'law_enforcement', to: UNIT, type: 'LawEnforcement' };
  const examples: Array<[string, object, Referral, ConsentCoverage]> = [
    ['a consent to referral to this organisation listing the purpose', toShelter, medical, 'covered'],
    ['a consent to disclosure naming no unit', disclosure, police, 'covered'],
    ['a consent to disclosure naming this unit', toUnit, police, 'covered'],
    [
      'a withdrawn consent, whatever else it says',
      { ...toShelter, case_id: OTHER, withdrawn_at: '2026-01-01T00:00:00Z' },
      medical,
      'withdrawn',
    ],
    ["another case's consent", { ...toShelter, case_id: OTHER }, medical, 'other_case'],
    [
      'law enforcement, to an organisation that is not',
      disclosure,
      { ...police, type: 'NGO' },
      'recipient_not_law_enforcement',
    ],
    [
      'law enforcement on a consent to referral',
      { ...toShelter, recipient_organisation_id: UNIT },
      police,
      'not_disclosure',
    ],
    ['law enforcement, the consent naming another unit', toUnit, { ...police, to: OTHER }, 'other_unit'],
    [
      'a referral purpose to a law-enforcement organisation',
      toShelter,
      { ...medical, type: 'LawEnforcement' },
      'recipient_law_enforcement',
    ],
    ['a referral purpose on a consent to disclosure', disclosure, medical, 'not_referral'],
    [
      'a referral purpose, the consent naming another organisation',
      toShelter,
      { ...medical, to: OTHER },
      'other_organisation',
    ],
    ['a purpose the consent does not list', toShelter, { ...medical, purpose: 'legal' }, 'purpose_not_listed'],
  ];

  it.each(examples)('%s', async (_name, consent, referral, expected) => {
    const [{ coverage }] = await asSuperuser<{ coverage: string }>(
      db,
      `SELECT panoh_consent_coverage(jsonb_populate_record(NULL::consent, $1), $2, $3, $4, $5) AS coverage`,
      [JSON.stringify(consent), CASE, referral.purpose, referral.to, referral.type],
    );
    expect(coverage).toBe(expected);
  });

  it('gives no answer the service cannot put into words', () => {
    expect(new Set(examples.map(([, , , answer]) => answer))).toEqual(new Set(CONSENT_COVERAGE));
  });
});
