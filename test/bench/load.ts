import * as http from 'node:http';

/**
 * A small closed-loop load generator run in a child process of its own, so that the service under
 * test has the parent's event loop to itself. Sends GET requests (or POSTs of one JSON body) over
 * keep-alive connections for a fixed time and reports how many completed with the expected status, and their latencies.
 */
export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  durationMs: number;
  concurrency: number;
  expectStatus: number;
  /** GET when absent; a POST sends `body` as JSON. */
  method?: 'GET' | 'POST';
  body?: string;
}

export interface LoadResult {
  completed: number;
  unexpected: number;
  seconds: number;
  /** Latency percentiles of the completed requests, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
}

async function run(request: LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.concurrency });
  const target = new URL(request.url);
  const body = Buffer.from(request.body ?? '');
  const deadline = Date.now() + request.durationMs;
  const started = process.hrtime.bigint();
  let completed = 0;
  let unexpected = 0;
  const latencies: number[] = [];
  const once = () =>
    new Promise<void>((resolve) => {
      const sent = process.hrtime.bigint();
      const post = request.method === 'POST';
      const headers = post
        ? { ...request.headers, 'Content-Type': 'application/json', 'Content-Length': String(body.length) }
        : request.headers;
      const req = http.request(
        {
          method: request.method ?? 'GET',
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          headers,
          agent,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === request.expectStatus) {
              completed++;
              latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
            } else unexpected++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        unexpected++;
        resolve();
      });
      req.end(post ? body : undefined);
    });
  await Promise.all(
    Array.from({ length: request.concurrency }, async () => {
      while (Date.now() < deadline) await once();
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    completed,
    unexpected,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
  };
}

if (require.main === module) {
  process.once('message', (message: LoadRequest) => {
    void run(message).then((result) => {
      process.send?.(result);
      process.exit(0);
    });
  });
}
