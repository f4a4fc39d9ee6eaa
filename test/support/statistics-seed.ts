import { asSuperuser, TestDatabase } from './test-cluster';

/** The statistical codes of a case to seed; what is left out takes a plain default. */
export interface SeedCase {
  registeredOn?: string;
  gender?: string | null;
  ageBand?: string | null;
  citizenship?: string | null;
  region?: string | null;
  countryOfExploitation?: string | null;
  exploitationTypes?: string[];
  meansOfControl?: string[];
  labourSector?: string | null;
  stage?: string;
  traffickingStatus?: string;
  /** Whether the person consented to statistical use (default: yes). */
  statisticsConsent?: boolean;
  /** A fixed record key, for tests that must not depend on random ones. */
  statisticsKey?: number;
}

let batch = 0;

/**
 * Writes cases straight into the database as its superuser (as a migration of old records would),
 * all of one person, erased unless `personErased` is false (then with an opaque name and a data key
 * that is never used): statistics read only the codes. References use years before 2020, which
 * the service never gives, so they cannot collide with cases opened through the API.
 */
export async function seedCases(
  db: TestDatabase,
  owner: { organisationId: string; userId: string },
  cases: readonly SeedCase[],
  options: { personErased?: boolean } = {},
): Promise<void> {
  const rows = cases.map((c) => ({
    registered_on: c.registeredOn ?? '2025-06-15',
    gender: c.gender === undefined ? 'Feminine' : c.gender,
    age_band: c.ageBand === undefined ? '27--29' : c.ageBand,
    citizenship: c.citizenship === undefined ? 'TJK' : c.citizenship,
    region_of_origin: c.region === undefined ? 'TJ-SU' : c.region,
    country_of_exploitation: c.countryOfExploitation === undefined ? 'RUS' : c.countryOfExploitation,
    exploitation_types: c.exploitationTypes ?? ['ForcedLabour'],
    means_of_control: c.meansOfControl ?? [],
    labour_sector: c.labourSector === undefined ? 'F_Construction' : c.labourSector,
    stage: c.stage ?? 'identified',
    trafficking_status: c.traffickingStatus ?? 'PossibleVictimOfTrafficking',
    statistics_key: c.statisticsKey ?? null,
    statistics_consent: c.statisticsConsent ?? true,
  }));
  await asSuperuser(
    db,
    `WITH live_key AS (
       INSERT INTO data_key (id, kek_version, wrapped_key)
       SELECT gen_random_uuid(), 1, decode(repeat('00', 40), 'hex') WHERE NOT $5::boolean
       RETURNING id),
     person AS (
       INSERT INTO person (id, organisation_id, registered_by, data_key_id, family_name, given_name, erased_at)
       SELECT gen_random_uuid(), $1, $2, (SELECT id FROM live_key),
         CASE WHEN NOT $5::boolean THEN '\\x00'::bytea END, CASE WHEN NOT $5::boolean THEN '\\x00'::bytea END,
         CASE WHEN $5::boolean THEN now() END
       RETURNING id),
     counted AS (SELECT count(*) AS n FROM victim_case WHERE reference < 'TJ-2020'),
     source AS MATERIALIZED (
       SELECT gen_random_uuid() AS id, row_number() OVER () AS rn, r.*
       FROM jsonb_to_recordset($3::jsonb) AS r(registered_on date, gender text, age_band text, citizenship text,
         region_of_origin text, country_of_exploitation text, exploitation_types text[], means_of_control text[],
         labour_sector text, stage text, trafficking_status text, statistics_key integer, statistics_consent boolean)),
     cases AS (
       INSERT INTO victim_case (id, reference, organisation_id, person_id, created_by, stage, trafficking_status,
         status_decided_by, registered_on, gender, age_band, citizenship, region_of_origin, country_of_exploitation,
         exploitation_types, means_of_control, labour_sector, statistics_key)
       SELECT r.id, format('TJ-%s-%s', 2000 + $4::integer, lpad((counted.n + r.rn)::text, 5, '0')),
         $1, person.id, $2, r.stage, r.trafficking_status,
         CASE WHEN r.trafficking_status = 'PossibleVictimOfTrafficking' THEN NULL ELSE 'NGO' END,
         r.registered_on, r.gender, r.age_band, r.citizenship, r.region_of_origin, r.country_of_exploitation,
         r.exploitation_types, r.means_of_control, r.labour_sector,
         coalesce(r.statistics_key, (('x' || substr(md5(gen_random_uuid()::text), 1, 8))::bit(32)::integer & 2147483647))
       FROM person, counted, source r
       RETURNING id)
     INSERT INTO consent (id, case_id, owner_organisation_id, purpose, given_at, given_by)
     SELECT gen_random_uuid(), r.id, $1, 'statistics', r.registered_on, $2 FROM source r WHERE r.statistics_consent`,
    [owner.organisationId, owner.userId, JSON.stringify(rows), batch++ % 20, options.personErased ?? true],
  );
}

/** `count` copies of a case. */
export function times(count: number, c: SeedCase = {}): SeedCase[] {
  return Array.from({ length: count }, () => ({ ...c }));
}

/** A referral to seed on every case matching `region`, timed from the case's registration. */
export interface SeedReferral {
  region: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  /** Days from registration to sending. */
  sentAfterDays: number;
  /** Days from sending to the decision (accepted, declined). */
  decidedAfterDays?: number;
  /** Days from sending to the due time. */
  dueAfterDays: number;
}

/** Writes one referral (with its consent) on each seeded case of a region, as the superuser. */
export async function seedReferrals(
  db: TestDatabase,
  owner: { organisationId: string; userId: string },
  toOrganisationId: string,
  referral: SeedReferral,
): Promise<void> {
  const decided = referral.status === 'accepted' || referral.status === 'declined';
  await asSuperuser(
    db,
    `WITH cases AS (SELECT id, registered_on::timestamptz AS at FROM victim_case WHERE region_of_origin = $1),
     consents AS (
       INSERT INTO consent (id, case_id, owner_organisation_id, purpose, recipient_organisation_id, given_at, given_by,
         referral_purposes)
       SELECT gen_random_uuid(), id, $2, 'referral', $3, at, $4, '{shelter}' FROM cases
       RETURNING id, case_id)
     INSERT INTO referral (id, case_id, from_organisation_id, to_organisation_id, purpose, consent_id, status, due_at,
       created_by, created_at, decided_by, decided_at, decline_reason, withdrawn_by, withdrawn_at)
     SELECT gen_random_uuid(), c.id, $2, $3, 'shelter', k.id, $5::text,
       c.at + make_interval(days => $6::integer + $8::integer), $4, c.at + make_interval(days => $6::integer),
       CASE WHEN $9::boolean THEN $4::uuid END, CASE WHEN $9::boolean THEN c.at + make_interval(days => $6::integer + $7::integer) END,
       CASE WHEN $5::text = 'declined' THEN '\\x00'::bytea END,
       CASE WHEN $5::text = 'withdrawn' THEN $4::uuid END, CASE WHEN $5::text = 'withdrawn' THEN c.at + make_interval(days => $6::integer) END
     FROM cases c JOIN consents k ON k.case_id = c.id`,
    [
      referral.region,
      owner.organisationId,
      toOrganisationId,
      owner.userId,
      referral.status,
      referral.sentAfterDays,
      referral.decidedAfterDays ?? 0,
      referral.dueAfterDays,
      decided,
    ],
  );
}
