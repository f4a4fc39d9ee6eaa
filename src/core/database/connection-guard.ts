import { Client, ClientConfig, Pool, PoolClient } from 'pg';

/** The error pg gives a query that outlived `query_timeout`. */
const QUERY_READ_TIMEOUT = 'Query read timeout';

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * A pg client that closes its connection when one of its queries outlives `query_timeout`.
 *
 * pg's own query timeout only gives up waiting: the query keeps running on the server and the
 * connection stays busy, so the pool would hand it to the next request, which would wait behind it (or,
 * after a partition, forever). Ending the client closes the socket at once; the pool then drops it
 * (it never takes back an ending client), and the server ends the backend, rolling back whatever
 * transaction it held, as soon as it notices the connection is gone.
 */
export class TimeoutClosingClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
  }

  // pg's query has many overloads; this one forwards them all and watches the outcome.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as Callback;
      args[last] = (error: Error | null, result?: unknown) => {
        if (isQueryTimeout(error)) this.abandon();
        callback(error, result);
      };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(undefined, (error: unknown) => {
        if (isQueryTimeout(error)) this.abandon();
      });
    }
    return result;
  }

  private abandon(): void {
    // With a query still active, end() destroys the socket rather than waiting for the query.
    void this.end().catch(() => undefined);
  }
}

export function isQueryTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === QUERY_READ_TIMEOUT;
}

/**
 * Makes `pool` close, rather than take back, a connection that is returned inside a transaction (the
 * server says so in its last ReadyForQuery) or that is ending: whatever path forgot to commit or roll
 * back, the next request never inherits that transaction, its caller settings or its locks.
 */
export function closeConnectionsReturnedInTransaction(pool: Pool): void {
  pool.on('release', (error: Error | undefined, client: PoolClient) => {
    if (error) return; // the pool drops it already
    const status = client.getTransactionStatus();
    // Ending the client before the pool looks at it makes the pool remove it instead of keeping it idle.
    if (status === 'T' || status === 'E') void client.end().catch(() => undefined);
  });
}
