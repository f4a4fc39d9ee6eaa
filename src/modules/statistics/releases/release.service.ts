import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { statisticsConfig } from '../../../core/config';
import { RequestContext } from '../../../core/database/request-context';
import { Clock } from '../../../core/time/clock';
import { RELEASE_DIMENSIONS, ReleaseReader } from './release-contract';
import type {
  PublishedTable,
  PublishedTimeliness,
  ReleaseDimension,
  ReleasePeriod,
  ReleaseSummary,
  ReleaseView,
  RequestAllowance,
  SnapshotRecord,
} from './release-contract';
import { tablesCsv } from './release-csv';
import { buildPrivateRelease } from './private-release';
import { releaseMicrodata } from './release-microdata';
import { answerRequest, buildRelease } from './release-tables';
import { revisionIsSafe } from './revision';
import { syntheticMicrodata } from './synthetic-microdata';
import { ReleaseErrorCode, ReleaseException } from './release.exception';
import { isClosed, monthOf, parsePeriod } from './release-period';
import type { PeriodSpan } from './release-period';
import { ReleaseRepository } from './release.repository';
import type { StoredRelease } from './release.repository';
import { ReleaseSignature } from './release-signature';

/** l of the CTDC dataset's l-diversity: at least two distinct values of each sensitive flag per class. */
const DIVERSITY = 2;

/** The years before a year's release that its pooled tables add up (docs/statistics.md). */
const POOLED_YEARS = 2;

export interface ReleaseCheck {
  id: string;
  period: string;
  version: number;
  /** The signature verifies under the public key the release names. */
  valid: boolean;
  /** That public key is the one this service signs with now. */
  currentKey: boolean;
}

/**
 * Publishes, stores and reads the statistics releases (docs/statistics.md). A release is computed
 * once from a snapshot of the coded records of its period, signed and stored; everything read
 * afterwards (tables, downloads, requests) comes from what was stored, never from the live tables.
 */
@Injectable()
export class ReleaseService extends ReleaseReader {
  constructor(
    private readonly repository: ReleaseRepository,
    private readonly signature: ReleaseSignature,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    @Inject(statisticsConfig.KEY) private readonly config: ConfigType<typeof statisticsConfig>,
  ) {
    super();
  }

  async list(): Promise<readonly ReleaseSummary[]> {
    this.context.recordAccess({ detail: { read: 'list' } });
    return (await this.repository.list()).map(summaryOf);
  }

  async read(id: string): Promise<ReleaseView> {
    const release = await this.require(id, 'view');
    return {
      summary: summaryOf(release),
      tables: release.tables,
      timeliness: release.timeliness,
      requests: await this.repository.publishedRequests(id),
    };
  }

  async tablesCsv(id: string): Promise<string> {
    await this.require(id, 'tables.csv');
    return (await this.repository.csv(id, 'tables')) as string;
  }

  async ctdcCsv(id: string): Promise<string> {
    await this.require(id, 'ctdc.csv');
    return (await this.repository.csv(id, 'ctdc')) as string;
  }

  async allowance(): Promise<RequestAllowance> {
    this.context.recordAccess({ detail: { read: 'allowance' } });
    return { used: await this.repository.requestsOf(monthOf(this.clock.now())), limit: this.config.monthlyRequests };
  }

  /**
   * A table outside the catalogue, against the latest snapshot, protected jointly with every table
   * already published from it. Every answer, published or refused, is recorded and counts against the
   * organisation's monthly limit; beyond the limit nothing is answered (429).
   */
  async request(asked: readonly ReleaseDimension[]): Promise<PublishedTable> {
    const dimensions = RELEASE_DIMENSIONS.filter((d) => asked.includes(d));
    this.context.recordAccess({ detail: { dimensions } });
    await this.repository.lockRequests();
    const month = monthOf(this.clock.now());
    if ((await this.repository.requestsOf(month)) >= this.config.monthlyRequests) {
      throw new ReleaseException(
        ReleaseErrorCode.MonthlyRequestsSpent,
        `At most ${this.config.monthlyRequests} requests a month per Commission, refused ones included`,
        undefined,
        secondsToNextMonth(this.clock.now()),
      );
    }
    const latest = await this.repository.newest();
    if (!latest) {
      throw new ReleaseException(ReleaseErrorCode.NoRelease, 'No release is published yet', 'dimensions');
    }
    if (this.config.mode === 'dp' || latest.method === 'dp') {
      return this.refuse(latest, month, dimensions, ReleaseErrorCode.DpMode);
    }
    const earlier = await this.repository.publishedRequests(latest.id);
    const answer = answerRequest({
      period: latest.period,
      records: await this.repository.records(latest.id),
      k: latest.summary.threshold,
      recoding: latest.recoding,
      published: [...latest.tables, ...earlier],
      dimensions,
      id: `request-${earlier.length + 1}`,
    });
    if (!answer.ok) {
      const codes: Record<typeof answer.code, RefusalCode> = {
        cyclic: ReleaseErrorCode.Cyclic,
        'too-detailed': ReleaseErrorCode.TooDetailed,
        unprotectable: ReleaseErrorCode.Unprotectable,
      };
      const code = codes[answer.code];
      return this.refuse(latest, month, dimensions, code);
    }
    await this.repository.recordRequest(latest.id, month, dimensions, 'published', answer.table);
    this.context.recordAccess({ detail: { dimensions, outcome: 'published', release: latest.id } });
    return answer.table;
  }

  private async refuse(
    release: StoredRelease,
    month: string,
    dimensions: ReleaseDimension[],
    code: RefusalCode,
  ): Promise<never> {
    await this.repository.recordRefusal(release.id, month, dimensions, code);
    this.context.recordAccess({ detail: { dimensions, outcome: code, release: release.id } });
    throw new ReleaseException(code, REFUSALS[code], 'dimensions');
  }

  /**
   * Computes and stores the release of a closed period: version 1, or the next version when the
   * difference from the last one is safe (otherwise 409 revision-deferred, nothing stored).
   */
  async publish(period: ReleasePeriod): Promise<ReleaseSummary> {
    this.context.recordAccess({ detail: { period } });
    const span = parsePeriod(period);
    if (!span)
      throw new ReleaseException(ReleaseErrorCode.PeriodNotClosed, 'Not a period: a year or a quarter', 'period');
    if (!isClosed(span, this.clock.now())) {
      throw new ReleaseException(
        ReleaseErrorCode.PeriodNotClosed,
        'Only a closed period is released: the current year or quarter is not over',
        'period',
      );
    }
    await this.repository.lockPublishing();
    const records = await this.repository.takeSnapshot(span.from, span.to);
    const previous = await this.repository.latestOf(period);
    const k = this.config.threshold;
    if (previous && (previous.method === 'dp' || this.config.mode === 'dp')) {
      this.context.recordAccess({ detail: { period, outcome: ReleaseErrorCode.ReleaseFinal } });
      throw new ReleaseException(
        ReleaseErrorCode.ReleaseFinal,
        previous.method === 'dp'
          ? 'The period has a differential-privacy release: a second one would spend its budget again'
          : 'The period has a release of the other statistics mode: the two would be read together',
        'period',
      );
    }
    const computed =
      this.config.mode === 'dp' ? this.privateRelease(span, records) : await this.suppressedRelease(span, records, k);
    if (previous && previous.method === 'suppression' && computed.method === 'suppression') {
      const bytes = await this.repository.bytes(previous.id);
      if (
        tablesCsv(computed.tables, computed.timeliness) === bytes.tablesCsv &&
        computed.ctdcCsv === bytes.ctdcCsv
      ) {
        this.context.recordAccess({ detail: { period, outcome: ReleaseErrorCode.RevisionUnchanged } });
        throw new ReleaseException(
          ReleaseErrorCode.RevisionUnchanged,
          'The new version would publish exactly what the last one does',
          'period',
        );
      }
      const check = revisionIsSafe({
        period,
        k,
        old: previous.tables,
        next: computed.tables,
        oldRecords: await this.repository.records(previous.id),
        nextRecords: records,
      });
      if (!check.safe) {
        this.context.recordAccess({ detail: { period, outcome: ReleaseErrorCode.RevisionDeferred } });
        throw new ReleaseException(
          ReleaseErrorCode.RevisionDeferred,
          'The new version would differ from the published one by fewer than k somewhere: it is deferred',
          'period',
        );
      }
    }
    const summary: Omit<ReleaseSummary, 'signature'> = {
      id: randomUUID(),
      period,
      version: (previous?.version ?? 0) + 1,
      method: computed.method,
      threshold: k,
      suppressionRate: computed.suppressionRate,
      ...(computed.privacy ? { privacy: computed.privacy } : {}),
      generatedAt: this.clock.now().toISOString(),
      publicKey: this.signature.publicKeyBase64,
    };
    const csv = tablesCsv(computed.tables, computed.timeliness);
    const signature = this.signature.sign({
      summary,
      tables: computed.tables,
      timeliness: computed.timeliness,
      tablesCsv: csv,
      ctdcCsv: computed.ctdcCsv,
    });
    await this.repository.insert({
      id: summary.id,
      period,
      version: summary.version,
      method: summary.method,
      summary,
      tables: computed.tables,
      timeliness: computed.timeliness,
      recoding: computed.recoding,
      signature,
      tablesCsv: csv,
      ctdcCsv: computed.ctdcCsv,
      records,
    });
    this.context.recordAccess({
      detail: { period, version: summary.version, method: summary.method, release: summary.id },
    });
    return { ...summary, signature };
  }

  /** Checks every stored release's signature (the command line's release:verify). */
  async verifyAll(): Promise<ReleaseCheck[]> {
    const checks: ReleaseCheck[] = [];
    for (const release of await this.repository.list()) {
      const bytes = await this.repository.bytes(release.id);
      checks.push({
        id: release.id,
        period: release.period,
        version: release.version,
        valid: this.signature.verify(
          { summary: release.summary, tables: release.tables, timeliness: release.timeliness, ...bytes },
          release.signature,
        ),
        currentKey: release.summary.publicKey === this.signature.publicKeyBase64,
      });
    }
    return checks;
  }

  private async suppressedRelease(span: PeriodSpan, records: readonly SnapshotRecord[], k: number): Promise<Computed> {
    // Pooling reads only the stored snapshots of the years before (their latest versions), never fresh data.
    const previous: { year: number; records: SnapshotRecord[]; tables: PublishedTable[] }[] = [];
    if (span.quarter === undefined) {
      for (let year = span.year - 1; year >= span.year - POOLED_YEARS; year--) {
        const release = await this.repository.latestOf(String(year));
        if (!release || release.method !== 'suppression') continue;
        previous.push({ year, records: await this.repository.records(release.id), tables: release.tables });
      }
    }
    const built = buildRelease({ period: span.period, records, k, ...(previous.length ? { previous } : {}) });
    return {
      method: 'suppression',
      tables: built.tables,
      timeliness: built.timeliness,
      suppressionRate: built.suppressionRate,
      recoding: built.recoding,
      ctdcCsv: releaseMicrodata({ records: records.filter((r) => r.inDataset !== false), k, l: DIVERSITY }),
    };
  }

  private privateRelease(span: PeriodSpan, records: readonly SnapshotRecord[]): Computed {
    const rho = this.config.releaseRho;
    const built = buildPrivateRelease({ period: span.period, records, rho });
    return {
      method: 'dp',
      tables: built.tables,
      timeliness: null,
      suppressionRate: 0,
      privacy: { rho, allocation: built.allocation },
      recoding: {},
      ctdcCsv: syntheticMicrodata(built.synthetic),
    };
  }

  private async require(id: string, what: string): Promise<StoredRelease> {
    this.context.recordAccess({ detail: { read: what, release: id } });
    const release = await this.repository.find(id);
    if (!release) throw new ReleaseException(ReleaseErrorCode.NotFound, 'No such release', 'id');
    return release;
  }
}

type RefusalCode =
  ReleaseErrorCode.Cyclic | ReleaseErrorCode.TooDetailed | ReleaseErrorCode.Unprotectable | ReleaseErrorCode.DpMode;

interface Computed {
  method: ReleaseSummary['method'];
  tables: PublishedTable[];
  timeliness: PublishedTimeliness | null;
  suppressionRate: number;
  privacy?: ReleaseSummary['privacy'];
  recoding: Record<string, string[]>;
  ctdcCsv: string;
}

const REFUSALS: Record<RefusalCode, string> = {
  [ReleaseErrorCode.Cyclic]:
    'Refused: with the tables already published it would link their dimensions in a cycle; ask for a table that contains them',
  [ReleaseErrorCode.TooDetailed]: 'Refused: too detailed to protect; ask with fewer dimensions',
  [ReleaseErrorCode.Unprotectable]:
    'Refused: protecting it would need an entry already published withheld; ask for another table',
  [ReleaseErrorCode.DpMode]: 'Refused: in differential-privacy mode only the release itself is published',
};

function summaryOf(release: StoredRelease): ReleaseSummary {
  return { ...release.summary, signature: release.signature };
}

function secondsToNextMonth(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
