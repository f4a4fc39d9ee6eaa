import { fork } from 'node:child_process';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { createUser, login, startTestApp } from '../support/test-app';
import { actorFor, measureCrypto } from './crypto';
import type { LoadRequest, LoadResult } from './load';

/**
 * `npm run bench`: figures as ratios against a baseline measured in the same run, since the machine
 * is shared and noisy. Rounds alternate between the measured route and its baseline.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

function load(request: Omit<LoadRequest, 'durationMs' | 'concurrency'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load.js'));
    child.once('message', (result: LoadResult) => resolve(result));
    child.once('error', reject);
    child.send({ ...request, durationMs: SECONDS * 1000, concurrency: CONCURRENCY } satisfies LoadRequest);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  process.env.PANOH_LOG_LEVEL = 'silent';
  await globalSetup();
  const t = await startTestApp();
  try {
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const caseworker = await createUser(t, Role.Caseworker);
    const token = await login(t, caseworker);

    const health = { url: `${base}/health`, headers: {}, expectStatus: 200 };
    const me = { url: `${base}/auth/me`, headers: { Authorization: `Bearer ${token}` }, expectStatus: 200 };
    await load(health); // warm-up
    await load(me);

    const rates = { health: [] as number[], me: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, request] of [
        ['health', health],
        ['me', me],
      ] as const) {
        const result = await load(request);
        if (result.unexpected > 0) throw new Error(`${name}: ${result.unexpected} unexpected answers`);
        rates[name].push(result.completed / result.seconds);
      }
    }
    const healthRps = median(rates.health);
    const meRps = median(rates.me);
    console.log(`Panoh benchmark (${ROUNDS} rounds of ${SECONDS} s, ${CONCURRENCY} connections, medians)`);
    console.log('');
    console.log(`GET /health (baseline: one SELECT 1)         ${healthRps.toFixed(0).padStart(8)} req/s`);
    console.log(`GET /auth/me (bearer token looked up)        ${meRps.toFixed(0).padStart(8)} req/s`);
    console.log(`ratio /auth/me : /health                     ${(meRps / healthRps).toFixed(2).padStart(8)}`);

    const crypto = await measureCrypto(t, actorFor(caseworker), ROUNDS);
    const overhead = (crypto.readDecryptedMicros / crypto.readMicros - 1) * 100;
    console.log('');
    console.log('Encryption (in process, medians)');
    console.log(
      `field encrypt (XChaCha20-Poly1305, committing) ${crypto.encryptPerSecond.toFixed(0).padStart(8)} ops/s`,
    );
    console.log(
      `field decrypt                                  ${crypto.decryptPerSecond.toFixed(0).padStart(8)} ops/s`,
    );
    console.log(`person read, query only                        ${crypto.readMicros.toFixed(0).padStart(8)} µs`);
    console.log(
      `person read, query + unwrap + 8 fields         ${crypto.readDecryptedMicros.toFixed(0).padStart(8)} µs`,
    );
    console.log(
      `unwrap + 8 fields alone                        ${crypto.decryptRecordMicros.toFixed(0).padStart(8)} µs`,
    );
    console.log(`decryption adds to the read (target ≤ 10%)     ${overhead.toFixed(1).padStart(8)} %`);
    console.log(
      `re-wrapping (keys:rotate, batches of 500)      ${crypto.rewrapPerSecond.toFixed(0).padStart(8)} data keys/s (${crypto.rewrapped} keys)`,
    );
  } finally {
    await t.close();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
