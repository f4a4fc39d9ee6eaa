import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/core/access/role';
import { newKeyFile, writeKeyFile } from '../../src/core/crypto/key-file';
import { CLI, runCli } from '../support/cli';
import { Api, signInCast } from '../support/api';
import { CASE } from '../support/case-fixtures';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, startTestApp, TestApp } from '../support/test-app';

describe('re-indexing persons after the normalisation changed (search:reindex)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoh-reindex-'));
  const keyFile = path.join(dir, 'panoh-keys.json');
  let t: TestApp;
  let api: Api;

  beforeAll(async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    writeKeyFile(keyFile, newKeyFile());
    t = await startTestApp({ PANOH_KEY_FILE: keyFile, PANOH_DUPLICATE_CHECKS_PER_WINDOW: '100' });
    api = await signInCast(t, { caseworker: [Role.Caseworker, await createOrganisation(t)] });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rewrites the duplicate-check values and search tokens of rows indexed under an older format', async () => {
    const caseworker = api.as('caseworker');
    const opened = await caseworker.openCase({
      ...CASE,
      person: { familyName: 'Рахимова', givenName: 'Мадина', dateOfBirth: '1996-03-01', identityDocuments: [] },
    });
    const personId = opened.person.id;
    // As an older release left them: values that no longer meet today's normalisation.
    await asSuperuser(t.db, `DELETE FROM person_search_token WHERE person_id = $1`, [personId]);
    await asSuperuser(t.db, `UPDATE person_blind_index SET value = '\\x0002'::bytea WHERE person_id = $1`, [personId]);
    const found = async () =>
      ((await caseworker.post('/cases/search').send({ query: 'Raximova Madina' })).body.items as Array<{ id: string }>)
        .map((h) => h.id)
        .includes(opened.id);
    const matched = async () =>
      (
        await caseworker
          .post('/persons/duplicates/check')
          .send({ familyName: 'Rahimova', givenName: 'Madina', dateOfBirth: '1996' })
      ).body.outcome;
    expect(await found()).toBe(false);
    expect(await matched()).toBe('no_match');

    const run = await runCli(t, keyFile, ['search:reindex', '--batch-size', '1']);
    expect(run.out).toContain('re-indexed 1 person(s)');
    expect(run.code).toBe(0);
    expect(await found()).toBe(true);
    expect(await matched()).toBe('own_organisation');
  });

  it('refuses a batch size that is not a whole number', async () => {
    const run = await runCli(t, keyFile, ['search:reindex', '--batch-size', 'many']);
    expect(run.code).not.toBe(0);
    expect(run.out).toContain('--batch-size');
  });
});
