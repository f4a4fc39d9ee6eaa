import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ValidationPipe } from '@nestjs/common';
import * as classTransformer from 'class-transformer';
import { Role } from '../../src/core/access/role';
import { EXPLOITATION_TYPES, MEANS_OF_CONTROL } from '../../src/modules/cases/code-lists/code-lists';
import { CASE, PERSON } from '../support/case-fixtures';
import { fieldsNamed } from '../support/response-shape';
import { asSuperuser } from '../support/test-cluster';
import { createOrganisation, signIn, startTestApp, TestApp } from '../support/test-app';

/** How many values a request body may hold (core/http/json-shape.ts), written out as the API describes it. */
const MAX_JSON_VALUES = 10_000;

/** The values of a parsed JSON value, as the API counts them: itself, each member's name and value, each element. */
function jsonValueCount(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  if (Array.isArray(value)) return 1 + value.reduce((sum: number, v) => sum + jsonValueCount(v), 0);
  return 1 + Object.values(value).reduce((sum: number, v) => sum + 1 + jsonValueCount(v), 0);
}

/** A figure printed only when asked for (PANOH_TEST_TIMINGS=1): how fast depends on the machine, so no test asserts it. */
function timing(line: string): void {
  if (process.env.PANOH_TEST_TIMINGS === '1') process.stdout.write(`${line}\n`);
}

/**
 * Watches the three steps whose cost grows with the shape of a body: JSON.parse (the body parser's),
 * class-transformer building the DTO, and the validation pipe. A body refused before them costs what
 * reading it costs; a test says so by these counts, never by a time.
 */
interface ParsingWatch {
  /** How many texts longer than `length` characters JSON.parse was given. */
  parsedLongerThan(length: number): number;
  /** How many times a DTO was built from a plain value. */
  built(): number;
  /** How many times the validation pipe ran. */
  validated(): number;
  restore(): void;
}

function watchParsing(): ParsingWatch {
  const parse = jest.spyOn(JSON, 'parse');
  const build = jest.spyOn(classTransformer, 'plainToInstance');
  const validate = jest.spyOn(ValidationPipe.prototype, 'transform');
  return {
    parsedLongerThan: (length) =>
      parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > length).length,
    built: () => build.mock.calls.length,
    validated: () => validate.mock.calls.length,
    restore: () => {
      parse.mockRestore();
      build.mockRestore();
      validate.mockRestore();
    },
  };
}

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

    it('refuses 20,000-deep arrays and 5,000-deep objects with a 400 naming the body, before parsing them', async () => {
      const seen = watchParsing();
      try {
        const bodies = [
          // The login route reads 4 KB at most: as deep as fits in that.
          ['/auth/login', deepArrays(1_500)],
          ['/auth/login', deepObjects(600)],
          ['/cases', deepArrays(20_000)],
          ['/cases', deepObjects(5_000)],
        ] as const;
        for (const [path, inner] of bodies) {
          const response = await t
            .http()
            .post(path)
            .set(as('caseworker'))
            .set('Content-Type', 'application/json')
            .send(`{"username":"a","password":"b","extra":${inner}}`);
          expect({ path, status: response.status }).toEqual({ path, status: 400 });
          expect(response.body.details).toEqual([{ field: 'body', problem: 'nests deeper than 32 levels' }]);
        }
        // Refused by the body parser: neither JSON.parse, nor class-transformer, nor the validation saw them.
        expect(seen.parsedLongerThan(2_000)).toBe(0);
        expect(seen.built()).toBe(0);
        expect(seen.validated()).toBe(0);
        await t
          .http()
          .post('/auth/login')
          .send({ username: 'a', password: 'b', extra: [[[]]] });
        expect(seen.validated()).toBeGreaterThan(0);
      } finally {
        seen.restore();
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

    it('refuses deep bodies arriving together before any of them is parsed, and answers /health meanwhile', async () => {
      const body = `{"extra":${deepArrays(20_000)}}`;
      const seen = watchParsing();
      try {
        const started = Date.now();
        const attacks = Array.from({ length: 20 }, () =>
          t.http().post('/cases').set(as('caseworker')).set('Content-Type', 'application/json').send(body),
        );
        const health = await t.http().get('/health');
        const healthMs = Date.now() - started;
        const answers = await Promise.all(attacks);
        timing(`/health answered in ${healthMs} ms beside 20 deep bodies; all answered in ${Date.now() - started} ms`);
        expect(health.status).toBe(200);
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 400));
        // What once held the event loop never ran: neither JSON.parse on them, nor the DTO's building.
        expect(seen.parsedLongerThan(body.length - 1)).toBe(0);
        expect(seen.built()).toBe(0);
        expect(seen.validated()).toBe(0);
      } finally {
        seen.restore();
      }
    });
  });

  describe('wide bodies', () => {
    const person = JSON.stringify(PERSON);
    const manyKeys = (n: number) =>
      `{"person":${person},${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`;
    const objects = (count: number, fields: number) =>
      `[${Array.from({ length: count }, () => manyKeys(fields).replace(`"person":${person},`, '')).join(',')}]`;
    const WIDE = [
      ['60,000 unknown keys', manyKeys(60_000), 'holds an object of more than 100 fields'],
      [
        'a 900,000-element array',
        `{"person":${person},"exploitationTypes":[${new Array(900_000).fill(0).join(',')}]}`,
        'holds more than 10000 values',
      ],
      [
        '100,000 small objects within the depth bound',
        `{"person":${person},"events":[${new Array(100_000).fill('{}').join(',')}]}`,
        'holds more than 10000 values',
      ],
      ['200 objects of 60 fields', `{"person":${person},"events":${objects(200, 60)}}`, 'holds more than 10000 values'],
    ] as const;

    it('refuses a body of more than 10,000 values or an object of more than 100 fields before parsing it, in a small answer', async () => {
      const seen = watchParsing();
      try {
        for (const [what, body, problem] of WIDE) {
          expect(body.length).toBeLessThan(2 * 1024 * 1024);
          const response = await t
            .http()
            .post('/cases')
            .set(as('caseworker'))
            .set('Content-Type', 'application/json')
            .send(body);
          expect({ what, status: response.status }).toEqual({ what, status: 400 });
          expect(response.body.details).toEqual([{ field: 'body', problem }]);
          expect(response.text.length).toBeLessThan(400);
        }
        expect(seen.parsedLongerThan(20_000)).toBe(0);
        expect(seen.built()).toBe(0);
        expect(seen.validated()).toBe(0);
        // The same watch sees a body within the bounds parsed, built and validated: it can fail.
        const within = await t.http().post('/cases').set(as('caseworker')).send({ person: PERSON, k0: 0 });
        expect(within.status).toBe(400);
        expect(seen.built()).toBeGreaterThan(0);
        expect(seen.validated()).toBeGreaterThan(0);
      } finally {
        seen.restore();
      }
    });

    it('refuses a wide body sent without a session just the same, before anything else reads it', async () => {
      for (const [, body, problem] of WIDE) {
        const response = await t.http().post('/cases').set('Content-Type', 'application/json').send(body);
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'body', problem }]);
      }
    });

    it('answers bodies just within the bounds with at most 20 problems', async () => {
      const bodies = [
        manyKeys(99),
        `{"person":${person},"exploitationTypes":[${new Array(9_000).fill(0).join(',')}]}`,
        `{"person":${person},"events":${objects(45, 100)}}`,
      ];
      for (const body of bodies) {
        expect(jsonValueCount(JSON.parse(body))).toBeLessThanOrEqual(MAX_JSON_VALUES);
        const response = await t
          .http()
          .post('/cases')
          .set(as('caseworker'))
          .set('Content-Type', 'application/json')
          .send(body);
        expect(response.status).toBe(400);
        expect(fieldsNamed(response.body)).not.toContain('body');
        expect(response.body.details.length).toBeLessThanOrEqual(20);
        expect(response.text.length).toBeLessThan(4000);
      }
    });

    it('writes a refused login with a capped list of fields', async () => {
      const requestId = `wide-login-${Date.now()}`;
      const keys = Object.fromEntries(Array.from({ length: 98 }, (_, i) => [`k${i}`, 0]));
      const response = await t
        .http()
        .post('/auth/login')
        .set('X-Request-Id', requestId)
        .send({ username: 'a', password: 'b', ...keys });
      expect(response.status).toBe(400);
      expect(response.body.details).toHaveLength(20);
      const [event] = await asSuperuser<{ detail: { fields: string[] } }>(
        t.db,
        `SELECT detail FROM audit_event WHERE request_id = $1`,
        [requestId],
      );
      expect(event.detail.fields.length).toBeLessThanOrEqual(20);
    });

    it('takes the largest case the API allows, every character of its text escaped, far within the bound', async () => {
      const text = (n: number, line = 'Ж') => line.repeat(n);
      const largest = {
        person: {
          familyName: text(200),
          givenName: text(200),
          patronymic: text(200),
          dateOfBirth: '1998-04-02',
          identityDocuments: Array.from({ length: 10 }, () => ({
            type: 'passport',
            number: text(64),
            issuingCountry: 'TJK',
          })),
          phone: '+992 92 555 0101',
          address: text(500),
          notes: text(10_000),
        },
        ...CASE,
        exploitationTypes: [...EXPLOITATION_TYPES],
        meansOfControl: [...MEANS_OF_CONTROL],
        narrative: text(20_000),
        shelterLocation: text(500),
        healthNotes: text(10_000),
        psychosocialNotes: text(10_000),
        events: Array.from({ length: 50 }, () => ({
          type: 'Transit',
          occurredOn: '2024-05-20',
          country: 'RUS',
          city: text(200),
        })),
        registeredOn: '2026-01-15',
      };
      // As a client that writes only ASCII sends it: \uXXXX for every other character.
      const body = JSON.stringify(largest).replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      expect(body.length).toBeGreaterThan(300_000);
      expect(jsonValueCount(JSON.parse(body))).toBeLessThan(MAX_JSON_VALUES / 10);
      const response = await t
        .http()
        .post('/cases')
        .set(as('caseworker'))
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(201);
      expect(response.body.narrative).toBe(largest.narrative);
    });
  });

  describe('body limits of the routes', () => {
    const fiveKb = (fields: object) => JSON.stringify({ ...fields, padding: 'x'.repeat(5 * 1024) });

    it('reads at most 4 KB on the routes whose bodies are a few short fields, however the path is written', async () => {
      const parse = jest.spyOn(JSON, 'parse');
      try {
        for (const path of ['/auth/login', '/AUTH/Login', '/auth/login/']) {
          const response = await t
            .http()
            .post(path)
            .set('Content-Type', 'application/json')
            .send(fiveKb({ username: 'a', password: 'b' }));
          expect({ path, status: response.status }).toEqual({ path, status: 413 });
          expect(response.body).toMatchObject({ statusCode: 413, requestId: expect.any(String) });
        }
        const reviewers = `{"username":"a","password":"b",${Array.from({ length: 180_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
        const refused = await t.http().post('/auth/login').set('Content-Type', 'application/json').send(reviewers);
        expect(refused.status).toBe(413);
        expect(refused.text.length).toBeLessThan(400);
        expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 4096)).toEqual([]);
      } finally {
        parse.mockRestore();
      }
      const small = [
        ['/auth/password', 'caseworker', { currentPassword: 'a', newPassword: 'b' }],
        ['/auth/totp/confirm', 'caseworker', { code: '123456' }],
        ['/users', 'admin', { username: 'someone', role: 'caseworker' }],
        ['/organisations', 'admin', { name: 'A shelter', type: 'Shelter', region: 'TJ-SU' }],
      ] as const;
      for (const [path, caller, fields] of small) {
        const response = await t
          .http()
          .post(path)
          .set(as(caller))
          .set('Content-Type', 'application/json')
          .send(fiveKb(fields));
        expect({ path, status: response.status }).toEqual({ path, status: 413 });
      }
    });

    it('reads the largest valid login and password change, every character escaped', async () => {
      // Each value's every character as \uXXXX, as a client writing only ASCII may send it.
      const escaped = (value: Record<string, string>) =>
        `{${Object.entries(value)
          .map(
            ([key, text]) =>
              `"${key}":"${[...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`,
          )
          .join(',')}}`;
      const login = await t
        .http()
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send(escaped({ username: 'u'.repeat(64), password: 'p'.repeat(128), totpCode: '123456' }));
      expect(login.status).toBe(401);
      const change = await t
        .http()
        .post('/auth/password')
        .set(as('caseworker'))
        .set('Content-Type', 'application/json')
        .send(escaped({ currentPassword: 'p'.repeat(128), newPassword: 'short' }));
      expect(change.status).toBe(400);
      expect(fieldsNamed(change.body)).toEqual(['newPassword']);
    });
  });

  describe('query strings', () => {
    it('refuses a query of more than 100 parameters, naming the query', async () => {
      const refused = [
        Array.from({ length: 101 }, (_, i) => `p${i}=1`).join('&'),
        Array.from({ length: 101 }, () => 'stage=x').join('&'),
        '&'.repeat(100),
      ];
      for (const query of refused) {
        const response = await t.http().get(`/cases?${query}`).set(as('caseworker'));
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([{ field: 'query', problem: 'has more than 100 parameters' }]);
      }
      // At the bound, each parameter is read: none is dropped without a word.
      const within = Array.from({ length: 100 }, (_, i) => (i === 99 ? 'limit=0' : 'stage=identified')).join('&');
      const read = await t.http().get(`/cases?${within}`).set(as('caseworker'));
      expect(read.status).toBe(400);
      expect(fieldsNamed(read.body)).toEqual(expect.arrayContaining(['limit']));
    });

    it('reads brackets in a parameter name as part of the name, not as nesting', async () => {
      for (const query of ['stage[a][b][c][d]=identified', 'stage[]=identified', `${'a['.repeat(500)}=1`]) {
        const response = await t.http().get(`/cases?${query}`).set(as('caseworker'));
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(response.body.details).toEqual([{ field: 'query', problem: 'holds a field that is not allowed' }]);
      }
    });
  });

  describe('fields named after what every object has', () => {
    const PROTOTYPE_NAMES = [
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toString',
      'valueOf',
      'toLocaleString',
      '__defineGetter__',
      '__defineSetter__',
      '__lookupGetter__',
      '__lookupSetter__',
      '__proto__',
      'constructor',
      'prototype',
    ];
    let caseId: string;
    let personId: string;

    beforeAll(async () => {
      const created = await t
        .http()
        .post('/cases')
        .set(as('caseworker'))
        .send({ person: PERSON, ...CASE });
      expect(created.status).toBe(201);
      caseId = created.body.id;
      personId = created.body.person.id;
    });

    /** A body as JSON text with `key` written in it: JSON.parse makes even `__proto__` an own field. */
    const withKey = (fields: object, key: string, value: unknown, at?: string) => {
      const text = JSON.stringify(fields);
      const member = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
      if (!at) return text === '{}' ? `{${member}}` : text.replace(/^\{/, `{${member},`);
      return text.replace(`"${at}":{`, `"${at}":{${member},`);
    };

    it('refuses each such field in a body, naming it, and changes nothing', async () => {
      const before = await t.http().get(`/persons/${personId}`).set(as('caseworker'));
      for (const key of PROTOTYPE_NAMES) {
        for (const value of [1, 'x', {}, { familyName: 'Ali' }]) {
          const requests = [
            ['patch', `/persons/${personId}`, withKey({}, key, value), key],
            ['patch', `/persons/${personId}`, withKey({ familyName: 'Ali' }, key, value), key],
            ['post', '/cases', withKey({ person: PERSON }, key, value, 'person'), `person.${key}`],
            ['post', `/cases/${caseId}/assistance`, withKey({ type: 'Shelter' }, key, value), key],
          ] as const;
          for (const [method, path, body, field] of requests) {
            const http = t.http();
            const response = await http[method](path)
              .set(as('caseworker'))
              .set('Content-Type', 'application/json')
              .send(body);
            expect({ body, status: response.status }).toEqual({ body, status: 400 });
            expect(response.body.details).toContainEqual({ field, problem: 'is not a field of this request' });
          }
        }
      }
      const after = await t.http().get(`/persons/${personId}`).set(as('caseworker'));
      expect(after.body).toEqual(before.body);
      const items = await t.http().get(`/cases/${caseId}/assistance`).set(as('caseworker'));
      expect(items.body).toEqual([]);
      expect(({} as Record<string, unknown>).familyName).toBeUndefined();
    });

    it('refuses each such field in a query, naming it', async () => {
      for (const key of PROTOTYPE_NAMES) {
        const response = await t
          .http()
          .get(`/cases?${encodeURIComponent(key)}=1`)
          .set(as('caseworker'));
        expect({ key, status: response.status }).toEqual({ key, status: 400 });
        expect(response.body.details).toEqual([{ field: key, problem: 'is not a field of this request' }]);
      }
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
