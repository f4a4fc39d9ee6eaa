import type { CtdcSourceRecord } from '../ctdc-layout';
import type { Dimension } from '../dimensions';

/**
 * The statistics the Commission reads are releases (docs/statistics.md): computed once per closed
 * period from a frozen snapshot of the coded data, protected as one linked set of tables, then
 * immutable. This file is the vocabulary the parts of a release share: the snapshot's records, the
 * catalogue of tables, a published table, a release and the protection of linked tables.
 */

/** A closed period: a year (`2025`), a quarter (`2025-Q3`) or a span of years (`2023-2025`). */
export type ReleasePeriod = string;

/**
 * One case of a frozen snapshot: coarse statistical codes only, no id, nothing that links it back to
 * the case. A code left empty on the case is `Unknown`.
 */
export interface SnapshotRecord {
  /** The year and quarter in which the case was identified (registered). */
  year: number;
  quarter: 1 | 2 | 3 | 4;
  region: string;
  gender: string;
  ageBand: string;
  /** The case's one exploitation type, `Multiple` when it has several, `Unknown` when none. */
  exploitationType: string;
  countryOfExploitation: string;
  stage: string;
  traffickingStatus: string;
  referralOutcome: string;
  /** Days from identification to the first accepted referral; null when none was accepted. */
  daysToAcceptance: number | null;
  /** Days each answered referral of the case waited for its answer. */
  referralResponseDays: readonly number[];
  /** Referrals of the case unanswered past their deadline when the snapshot was taken. */
  overdueReferrals: number;
  /** What the CTDC dataset of the release is made from. */
  ctdc: CtdcSourceRecord;
  /**
   * Whether the case may be in the record-level CTDC dataset: a victim or possible victim whose person
   * consented to statistical use and was not erased (counts cover every case). Absent: yes.
   */
  inDataset?: boolean;
}

/** The category a release's exploitation-type dimension gives a case with several types. */
export const MULTIPLE = 'Multiple';

/** The dimensions a release's tables (catalogue and requests) may cross. */
export const RELEASE_DIMENSIONS = [
  'quarter',
  'region',
  'gender',
  'ageBand',
  'exploitationType',
  'countryOfExploitation',
  'stage',
  'traffickingStatus',
  'referralOutcome',
] as const satisfies readonly Dimension[];
export type ReleaseDimension = (typeof RELEASE_DIMENSIONS)[number];

/**
 * A table of the catalogue: the National Action Plan's indicators. Every table counts the victims
 * identified in the release's period, crossed by `dimensions`, with every margin; the period is the
 * table's grand total. `pooled` tables add up the release's period and the years before it
 * (multi-year pooling) where one period alone is too small to say anything.
 */
export interface CatalogueTable {
  id: string;
  dimensions: readonly ReleaseDimension[];
  /** Only in a year's release (a quarter is the period itself in a quarter's release). */
  yearOnly?: boolean;
}

export const CATALOGUE: readonly CatalogueTable[] = [
  { id: 'victims-by-quarter', dimensions: ['quarter'], yearOnly: true },
  { id: 'victims-by-region', dimensions: ['region'] },
  { id: 'victims-by-gender-and-age', dimensions: ['gender', 'ageBand'] },
  { id: 'victims-by-exploitation-type', dimensions: ['exploitationType'] },
  { id: 'victims-by-country-of-exploitation', dimensions: ['countryOfExploitation'] },
  { id: 'victims-by-trafficking-status', dimensions: ['traffickingStatus'] },
  { id: 'cases-by-stage', dimensions: ['stage'] },
  { id: 'referral-outcomes', dimensions: ['referralOutcome'] },
];

/** An entry's coordinate in a dimension: a category, or TOTAL ('*') for the margin. */
export interface PublishedEntry {
  /** One coordinate per dimension of the table, in the table's order. */
  key: readonly string[];
  /** The count, or null when withheld. */
  count: number | null;
}

/** A table as a release publishes it. */
export interface PublishedTable {
  /** The catalogue's id, or `request-<n>` for a table published on request. */
  id: string;
  dimensions: readonly ReleaseDimension[];
  /** The categories of each dimension in order (after global recoding, `other` last). */
  categories: readonly (readonly string[])[];
  /** The categories folded into `other` per dimension (global recoding). */
  folded: Partial<Record<ReleaseDimension, readonly string[]>>;
  /** The years the table adds up, when it pools several. */
  pooled?: { from: number; to: number };
  /** Every cell and margin, margins included, in a fixed order. */
  entries: readonly PublishedEntry[];
}

/** NRM timeliness of a release: medians over at least k cases (or referrals), withheld otherwise. */
export interface PublishedTimeliness {
  /** Median days from identification to the first accepted referral; null when withheld. */
  identificationToAcceptanceDays: number | null;
  /** Median days a referral waited for its answer; null when withheld. */
  referralResponseDays: number | null;
  /** Referrals unanswered past their deadline at the snapshot; null when 0 < n < k. */
  overdueReferrals: number | null;
}

export type ReleaseMethod = 'suppression' | 'dp';

/** What a release states about itself; signed together with its tables. */
export interface ReleaseSummary {
  id: string;
  period: ReleasePeriod;
  version: number;
  method: ReleaseMethod;
  /** k: the smallest count published (suppression), and the k of the CTDC dataset. */
  threshold: number;
  /** Withheld cells over all cells of the catalogue's tables (suppression); 0 in dp mode. */
  suppressionRate: number;
  /** dp mode: the zero-concentrated privacy loss ρ the release spent, and its allocation per table. */
  privacy?: { rho: number; allocation: Readonly<Record<string, number>> };
  generatedAt: string;
  /** Ed25519 over the release's canonical bytes (docs/statistics.md says which), base64. */
  signature: string;
  publicKey: string;
}

/**
 * The protection of linked tables. Every entry of every table of one snapshot is named by a canonical
 * key over all release dimensions (plus the year, for pooling), so that an entry two tables share is
 * one unknown; the lines of every table (a margin equals the sum of the entries that break it down)
 * are the linear system a reader holds.
 */
export interface LinkedEntry {
  /** The canonical key (see canonicalKey). */
  key: string;
  /** The true count in the snapshot(s). */
  count: number;
  /** Published earlier (a table already released from this snapshot): its count is known to readers. */
  published?: boolean;
  /** Withheld earlier: it must stay protected and can never be published now. */
  withheld?: boolean;
}

export interface LinkedLine {
  total: string;
  members: readonly string[];
}

export interface ProtectionResult {
  /** Canonical keys withheld among the entries that were neither published nor withheld before. */
  withheld: ReadonlySet<string>;
}

/** A release as the Commission reads it: what it states, its tables, and the tables requested from its snapshot. */
export interface ReleaseView {
  summary: ReleaseSummary;
  tables: readonly PublishedTable[];
  timeliness: PublishedTimeliness | null;
  /** Tables published on request from the same snapshot, in the order they were answered. */
  requests: readonly PublishedTable[];
}

/** How many requests the caller's Commission made this month (refused ones included), and may make. */
export interface RequestAllowance {
  used: number;
  limit: number;
}

/**
 * What the Commission's routes and pages call (implemented by the release service). Every method
 * records its own audit event in the request's transaction; `read` and the downloads of a release
 * that does not exist throw NotFoundException.
 */
export abstract class ReleaseReader {
  abstract list(): Promise<readonly ReleaseSummary[]>;
  abstract read(id: string): Promise<ReleaseView>;
  /** Every table of the release as one CSV, the same bytes on every download. */
  abstract tablesCsv(id: string): Promise<string>;
  /** The release's CTDC-layout dataset, the same bytes on every download. */
  abstract ctdcCsv(id: string): Promise<string>;
  /** A table outside the catalogue, answered against the latest snapshot; refusals throw a 422 and count. */
  abstract request(dimensions: readonly ReleaseDimension[]): Promise<PublishedTable>;
  abstract allowance(): Promise<RequestAllowance>;
  /** Computes the release of a closed period (a new version when one exists); throws a 409 when deferred. */
  abstract publish(period: ReleasePeriod): Promise<ReleaseSummary>;
}
