import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemaSnapshot } from '../support/schema-snapshot';
import { createTestDatabase, roleNames, testRun } from '../support/test-cluster';

/** What the migrations add up to, committed so that a review shows what a migration changes. */
const SNAPSHOT = path.join(__dirname, '..', '..', 'migrations', 'schema.sql');
const UPDATE = process.env.UPDATE_SCHEMA_SNAPSHOT === '1';

describe('the schema snapshot', () => {
  it('migrations/schema.sql is the schema the migrations build', async () => {
    const db = await createTestDatabase();
    let actual: string;
    try {
      actual = await schemaSnapshot(db.superuserUrl, { [roleNames(testRun().runId).app]: 'app' });
    } finally {
      await db.drop();
    }
    if (UPDATE) {
      fs.writeFileSync(SNAPSHOT, actual);
      return;
    }
    const expected = fs.existsSync(SNAPSHOT) ? fs.readFileSync(SNAPSHOT, 'utf8') : '';
    if (actual !== expected) throw new Error(driftMessage(expected, actual));
  });
});

function driftMessage(expected: string, actual: string): string {
  const before = expected.split('\n');
  const after = actual.split('\n');
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  const removed = before.slice(start, before.length - end).map((line) => `- ${line}`);
  const added = after.slice(start, after.length - end).map((line) => `+ ${line}`);
  const changed = [...removed, ...added];
  const shown = changed.slice(0, 60);
  if (changed.length > shown.length) shown.push(`… ${changed.length - shown.length} more lines`);
  // The object the first difference is in: the first line of its block (blocks are apart by a blank line).
  let block = start;
  while (block > 0 && before[block - 1] !== '') block--;
  return [
    'The schema the migrations build is not the one in migrations/schema.sql.',
    `From line ${start + 1} of the snapshot, in ${JSON.stringify(before[block] ?? '')}`,
    '(- in the snapshot, + in the migrated database):',
    ...shown,
    'If a migration meant this change, write the snapshot anew and commit it with the migration:',
    '  npm run schema:snapshot   (UPDATE_SCHEMA_SNAPSHOT=1 npx jest test/e2e/schema-snapshot.e2e-spec.ts)',
  ].join('\n');
}
