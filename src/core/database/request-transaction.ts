import type { QueryRunner } from 'typeorm';

const WANTED = Symbol('panoh.requestTransactionWanted');
const OPENED = Symbol('panoh.requestTransaction');

type Carrier = object & { [WANTED]?: boolean; [OPENED]?: QueryRunner };

/**
 * The transaction an audited request runs in, opened by the bearer strategy together with the session
 * lookup (one round trip: `START TRANSACTION; SELECT <session> , set_config(<its caller>)`), handed from
 * the global guard to the AuditInterceptor on the request object. A request refused before the
 * interceptor takes it has it rolled back and released by the guard; the response's `close` is the
 * last safety net, so a connection never goes back to the pool inside a transaction.
 */
export const RequestTransaction = {
  /** The guard says the route is audited: open its transaction with the session lookup. */
  want(request: object): void {
    (request as Carrier)[WANTED] = true;
  },

  wanted(request: object): boolean {
    return (request as Carrier)[WANTED] === true;
  },

  attach(request: object, runner: QueryRunner, response?: { once(event: 'close', listener: () => void): unknown }) {
    (request as Carrier)[OPENED] = runner;
    response?.once('close', () => void RequestTransaction.discard(request));
  },

  /** The request's open transaction, now the taker's to commit or roll back and release. */
  take(request: object): QueryRunner | undefined {
    const runner = (request as Carrier)[OPENED];
    delete (request as Carrier)[OPENED];
    return runner;
  },

  /** Rolls back and releases the request's transaction if nobody took it. */
  async discard(request: object): Promise<void> {
    const runner = RequestTransaction.take(request);
    if (!runner || runner.isReleased) return;
    try {
      // Only a transaction that was opened (a runner that never got its connection must not ask for one now).
      if (runner.isTransactionActive) await runner.query('ROLLBACK');
    } catch {
      // Not connected, or no transaction: nothing to undo.
    } finally {
      (runner as unknown as TransactionState).isTransactionActive = false;
      (runner as unknown as TransactionState).transactionDepth = 0;
      await runner.release();
    }
  },
};

interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth?: number;
}

/**
 * Whether `runner` is a fresh TypeORM runner, outside any transaction, whose state `markOpened` can
 * set. A runner that looks otherwise (another TypeORM version) is left to TypeORM's own methods.
 */
export function isFresh(runner: QueryRunner): boolean {
  const state = runner as unknown as TransactionState;
  return !state.isTransactionActive && state.transactionDepth === 0;
}

/**
 * Tells TypeORM's runner that the transaction a simple-protocol query opened (`START TRANSACTION; …`)
 * is open, exactly as its own startTransaction would leave it, so that commit, rollback and nested
 * transactions (savepoints) work as usual.
 */
export function markOpened(runner: QueryRunner): void {
  const state = runner as unknown as TransactionState;
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

/** The same after `…; COMMIT` in one query. */
export function markCommitted(runner: QueryRunner): void {
  const state = runner as unknown as TransactionState;
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

/** Whether `runner` is in its outermost transaction, as markOpened leaves it. */
export function isOutermost(runner: QueryRunner): boolean {
  const state = runner as unknown as TransactionState;
  return state.isTransactionActive && state.transactionDepth === 1;
}
