import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Codes only: filters asked, reasons given as codes, counts. */
export type AccessDetail = Record<string, string | number | boolean | null | string[]>;

/** What a request's services say they touched: ids, the view, field names and codes, never values. */
export interface AccessTouched {
  caseIds?: string[];
  personIds?: string[];
  view?: string;
  fields?: string[];
  detail?: AccessDetail;
}

/** Gathers what a request touched for its audit event (the audit interceptor's AuditDraft). */
export interface AccessRecorder {
  readonly detail: AccessDetail;
  touch(touched: AccessTouched): void;
}

/** What one request carries while it runs: its transaction's manager and its audit event in the making. */
export interface RequestStore {
  manager: EntityManager;
  audit?: AccessRecorder;
}

const storage = new AsyncLocalStorage<RequestStore>();

/**
 * The database connection of the current request. Inside a request that runs in a transaction (every
 * route that touches victim data does), `manager` is that transaction's manager, so every repository
 * reads and writes in it — with the request's row-level-security settings and its audit event.
 * Outside one, it is the pool's manager.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return storage.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return storage.getStore() !== undefined;
  }

  /**
   * Says what the current request touched (ids, view, field names, codes), for its audit event.
   * Outside an audited request (the command line, say) there is no event to add to.
   */
  recordAccess(touched: AccessTouched): void {
    storage.getStore()?.audit?.touch(touched);
  }

  /** The audit detail gathered so far, for tests and diagnostics. */
  get auditDetail(): AccessDetail | undefined {
    return storage.getStore()?.audit?.detail;
  }

  /** Runs `work` with `manager` as the current request's manager. */
  static run<T>(store: RequestStore, work: () => T): T {
    return storage.run(store, work);
  }
}
