import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ValidationPipe } from '@nestjs/common';
import { Role } from '../../src/core/access/role';
import { CASE, PERSON } from '../support/case-fixtures';
import { fieldsNamed } from '../support/response-shape';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, signIn, startTestApp, TestApp } from '../support/test-app';

/**
 * Inputs that once answered 500 (or were stored when they should not have been). Each answers a 400
 * (or 415) in the one error shape, names the field, and never quotes what was sent.
 */
describe('bad input', () => {
  let t: TestApp;
  let shelter: string;
  const tokens = new Map<string, string>();
  const as = (name: string) => ({ Authorization: `Bearer ${tokens.get(name)}` });

  beforeAll(async () => {
    t = await startTestApp();
    shelter = await createOrganisation(t);
    await signIn(
      t,
      { caseworker: [Role.Caseworker, shelter], auditor: [Role.Auditor, shelter], admin: [Role.Admin, shelter] },
      { tokens },
    );
  });
  afterAll(() => t.close());

  function expectRefusal(response: { status: number; body: unknown; text: string }, field: string, sent?: string) {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
    expect(fieldsNamed(response.body as { details: [] })).toContain(field);
    if (sent !== undefined) expect(response.text).not.toContain(sent);
  }

  describe('control characters', () => {
    it('refuses a NUL in the login username with a 400 naming it, and writes the failed login naming the field', async () => {
      const requestId = `nul-login-${Date.now()}`;
      const response = await t
        .http()
        .post('/auth/login')
        .set('X-Request-Id', requestId)
        .send({ username: 'case\u0000worker', password: 'x', 'Zarina Karimova': 1 });
      expectRefusal(response, 'username');
      // Like a wrong password, it is an attempt to log in: written (under the address's rate limit),
      // naming the login's own fields at fault and never a value or a key that was sent.
      const events = await asSuperuser<{ action: string; outcome: string; status_code: number; detail: unknown }>(
        t.db,
        `SELECT action, outcome, status_code, detail FROM audit_event WHERE request_id = $1`,
        [requestId],
      );
      expect(events).toEqual([
        {
          action: 'login.failed',
          outcome: 'denied',
          status_code: 400,
          detail: { reason: 'invalid_input', fields: ['body', 'username'] },
        },
      ]);
      expect(JSON.stringify(events)).not.toContain('worker');
      expect(JSON.stringify(events)).not.toContain('Zarina');
    });

    it('refuses each C0 control character in an organisation name, naming the name', async () => {
      for (const code of [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x09, 0x0a, 0x0d]) {
        const name = `Shelter${String.fromCharCode(code)}Khujand ${code}`;
        const response = await t
          .http()
          .post('/organisations')
          .set(as('admin'))
          .send({ name, type: 'Shelter', region: 'TJ-SU' });
        expectRefusal(response, 'name', name);
      }
    });

    it('refuses a blank organisation name', async () => {
      for (const name of [' ', '   ', '\u00a0', '\u3000']) {
        const response = await t
          .http()
          .post('/organisations')
          .set(as('admin'))
          .send({ name, type: 'Shelter', region: 'TJ-SU' });
        expectRefusal(response, 'name');
      }
    });

    it('refuses a NUL in a nested field and names its path', async () => {
      const response = await t
        .http()
        .post('/cases')
        .set(as('caseworker'))
        .send({
          person: { ...PERSON, identityDocuments: [{ type: 'passport', number: 'A\u0000 1' }] },
          events: [{ type: 'Recruitment', city: 'Khu\u0000jand' }],
        });
      expectRefusal(response, 'person.identityDocuments[0].number');
      expect(fieldsNamed(response.body)).toContain('events[0].city');
    });

    it('refuses a NUL in a query parameter, naming it', async () => {
      const response = await t.http().get('/cases?stage=identified%00').set(as('caseworker'));
      expectRefusal(response, 'stage');
    });

    it('keeps tabs and line breaks in free text, and refuses them in names', async () => {
      const narrative = 'First line.\r\nSecond line,\tafter a tab.\nThird.';
      const created = await t.http().post('/cases').set(as('caseworker')).send({ person: PERSON, narrative });
      expect(created.status).toBe(201);
      expect(created.body.narrative).toBe(narrative);
      const named = await t
        .http()
        .post('/cases')
        .set(as('caseworker'))
        .send({ person: { ...PERSON, familyName: 'Kari\nmova' } });
      expectRefusal(named, 'person.familyName');
    });

    it('refuses an unpaired surrogate, which would be stored as something else than was sent', async () => {
      const response = await t
        .http()
        .post('/cases')
        .set(as('caseworker'))
        .set('Content-Type', 'application/json')
        .send('{"person":{"familyName":"Karimova","givenName":"Zarina"},"narrative":"half \\ud800 of a pair"}');
      expectRefusal(response, 'narrative');
    });
  });

  describe('deeply nested bodies', () => {
    const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const deepObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

    it('refuses 20,000-deep arrays and 5,000-deep objects on the login route with a 400 naming the body', async () => {
      const validation = jest.spyOn(ValidationPipe.prototype, 'transform');
      try {
        for (const inner of [deepArrays(20_000), deepObjects(5_000)]) {
          const response = await t
            .http()
            .post('/auth/login')
            .set('Content-Type', 'application/json')
            .send(`{"username":"a","password":"b","extra":${inner}}`);
          expect(response.status).toBe(400);
          expect(response.body.details).toEqual([{ field: 'body', problem: 'nests deeper than 32 levels' }]);
        }
        // Refused by the body parser: neither class-transformer nor the validation ever saw them.
        expect(validation).not.toHaveBeenCalled();
        await t
          .http()
          .post('/auth/login')
          .send({ username: 'a', password: 'b', extra: [[[]]] });
        expect(validation).toHaveBeenCalled();
      } finally {
        validation.mockRestore();
      }
    });

    it('lets a body 32 levels deep through to validation, and stops one at 33', async () => {
      // The body itself is level 1; "extra" holds the remaining levels.
      const at = (depth: number) => `{"username":"a","password":"b","extra":${deepArrays(depth - 1)}}`;
      const within = await t.http().post('/auth/login').set('Content-Type', 'application/json').send(at(32));
      expect(within.status).toBe(400);
      expect(fieldsNamed(within.body)).toEqual(['extra']);
      const beyond = await t.http().post('/auth/login').set('Content-Type', 'application/json').send(at(33));
      expect(beyond.status).toBe(400);
      expect(fieldsNamed(beyond.body)).toEqual(['body']);
    });

    it('counts brackets inside strings as text, not as nesting', async () => {
      const response = await t
        .http()
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ username: '['.repeat(40) + '\\"{'.repeat(40), password: 'x' }));
      expect(fieldsNamed(response.body)).not.toContain('body');
    });

    it('keeps answering /health while deep bodies arrive', async () => {
      const body = `{"extra":${deepArrays(20_000)}}`;
      const attacks = Array.from({ length: 20 }, () =>
        t.http().post('/auth/login').set('Content-Type', 'application/json').send(body),
      );
      // Asked while the deep bodies are being received and refused.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const started = Date.now();
      const health = await t.http().get('/health');
      const healthMs = Date.now() - started;
      const answers = await Promise.all(attacks);
      const allMs = Date.now() - started;
      // Measured for the record only: how fast depends on the machine.
      process.stdout.write(`/health answered in ${healthMs} ms, 20 deep bodies in ${allMs} ms\n`);
      expect(health.status).toBe(200);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 400));
    });
  });

  describe('content encodings', () => {
    // supertest would write a Buffer out as JSON under a JSON content type; these bytes go as they are.
    const raw = (bytes: Buffer) => bytes as unknown as string;
    const login = JSON.stringify({ username: 'nobody.here', password: 'not the password' });

    it('reads a gzip or br body that decodes', async () => {
      for (const [encoding, bytes] of [
        ['gzip', gzipSync(login)],
        ['br', brotliCompressSync(login)],
      ] as const) {
        const response = await t
          .http()
          .post('/auth/login')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .serialize(raw)
          .send(bytes);
        expect(response.status).toBe(401);
      }
    });

    it('refuses a gzip, deflate or br body that does not decode with a 400', async () => {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const response = await t
          .http()
          .post('/auth/login')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .serialize(raw)
          .send(Buffer.from('this is not compressed at all'));
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ statusCode: 400, details: [{ field: 'body' }] });
      }
    });

    it('holds the size limit for the decoded body, so a small compressed body cannot inflate past it', async () => {
      const bomb = gzipSync(`{"username":"${'a'.repeat(10 * 1024 * 1024)}"}`);
      expect(bomb.length).toBeLessThan(64 * 1024);
      const response = await t
        .http()
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize(raw)
        .send(bomb);
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ statusCode: 413, requestId: expect.any(String) });
    });

    it('refuses JSON in another charset than UTF-8 with a 415', async () => {
      const response = await t
        .http()
        .post('/auth/login')
        .set('Content-Type', 'application/json; charset=utf-16le')
        .serialize(raw)
        .send(Buffer.from(login, 'utf16le'));
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    });

    it('refuses an unknown encoding with a 415', async () => {
      const response = await t
        .http()
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'compress')
        .serialize(raw)
        .send(Buffer.from(login));
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    });
  });

  describe('dates', () => {
    const notDays = ['2025', '2025-06', '2025-W01', '+2025-01-01', '9999-12-31', '2025-123', '20250101', '2025-02-29'];

    it('refuses a registeredOn that is not a real day YYYY-MM-DD', async () => {
      for (const registeredOn of [...notDays, '2025-06-01T00:00:00Z', '2099-01-01']) {
        const response = await t.http().post('/cases').set(as('caseworker')).send({ person: PERSON, registeredOn });
        expectRefusal(response, 'registeredOn');
      }
    });

    it('refuses a registeredFrom or registeredTo that is not a day', async () => {
      for (const day of notDays) {
        for (const parameter of ['registeredFrom', 'registeredTo']) {
          const response = await t
            .http()
            .get('/cases')
            .query({ [parameter]: day })
            .set(as('caseworker'));
          expectRefusal(response, parameter);
        }
      }
    });

    it('refuses an audit period that is not a moment with its offset', async () => {
      for (const from of [
        '2025-W01',
        '2025',
        '2025-06-01',
        '2025-06-01T10:00',
        '2025-06-01T25:00:00Z',
        '+2025-01-01T00:00:00Z',
      ]) {
        const response = await t.http().get('/audit').query({ from }).set(as('auditor'));
        expectRefusal(response, 'from');
      }
      const fine = await t.http().get('/audit').query({ from: '2025-06-01T10:00:00+05:00' }).set(as('auditor'));
      expect(fine.status).toBe(200);
    });
  });

  describe('arrays where objects belong', () => {
    it('names the field and the position of an array given for an object', async () => {
      const cases = [
        [{ person: PERSON, events: [[]] }, 'events[0]'],
        [{ person: PERSON, events: [{ type: 'Recruitment' }, ['Transit']] }, 'events[1]'],
        [{ person: [[]] }, 'person'],
        [{ person: [] }, 'person'],
        [{ person: { ...PERSON, identityDocuments: [[]] } }, 'person.identityDocuments[0]'],
        [{ person: { ...PERSON, identityDocuments: [null] } }, 'person.identityDocuments[0]'],
        [{ person: { ...PERSON, identityDocuments: ['A123'] } }, 'person.identityDocuments[0]'],
      ] as const;
      for (const [body, field] of cases) {
        const response = await t.http().post('/cases').set(as('caseworker')).send(body);
        expectRefusal(response, field);
      }
    });
  });

  describe('a case for a person given twice', () => {
    it('refuses both person and personId, validating each, instead of neither', async () => {
      const created = await t.http().post('/cases').set(as('caseworker')).send({ person: PERSON });
      expect(created.status).toBe(201);
      const personId = created.body.person.id as string;
      for (const person of [{ constructor: [[]] }, { familyName: 42 }, PERSON]) {
        const response = await t.http().post('/cases').set(as('caseworker')).send({ person, personId });
        expect(response.status).toBe(400);
        expect(fieldsNamed(response.body)).toContain('personId');
      }
      const neither = await t.http().post('/cases').set(as('caseworker')).send({ gender: 'Feminine' });
      expect(neither.status).toBe(400);
      expect(fieldsNamed(neither.body).sort()).toEqual(['person', 'personId']);
    });
  });

  describe('paths', () => {
    it('names a path parameter that is not valid percent-encoding, without quoting it', async () => {
      const response = await t.http().get('/cases/%FF%FE').set(as('caseworker'));
      expectRefusal(response, 'id', '%FF');
      expect(response.text).not.toContain('%FE');
    });

    it('answers an unknown route without quoting its path', async () => {
      const response = await t.http().get('/no-such-route-zarina-karimova').set(as('caseworker'));
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('zarina');
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) });
    });
  });

  describe('messages that named what was sent', () => {
    it('names the position of an unknown screening indicator, not its text', async () => {
      const created = await t
        .http()
        .post('/cases')
        .set(as('caseworker'))
        .send({ person: PERSON, ...CASE });
      expect(created.status).toBe(201);
      const response = await t
        .http()
        .post(`/cases/${created.body.id}/screenings`)
        .set(as('caseworker'))
        .send({
          indicatorList: 'ilo_forced_labour_11',
          indicators: ['abuse_of_vulnerability', 'Zarina lives at Lenin 12', 'deception'],
          result: 'indicators_present',
        });
      expect(response.status).toBe(400);
      expect(response.text).not.toContain('Zarina');
      expect(fieldsNamed(response.body)).toEqual(['indicators[1]']);
    });
  });
});
