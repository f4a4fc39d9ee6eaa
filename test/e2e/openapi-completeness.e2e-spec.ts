import { startTestApp, TestApp } from '../support/test-app';

interface Content {
  schema?: { $ref?: string; type?: string; oneOf?: unknown[] };
}

interface RawOperation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, Content> }>;
}

interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components: {
    schemas?: Record<string, unknown>;
    securitySchemes?: Record<string, { type?: string; scheme?: string; bearerFormat?: string }>;
  };
}

const ERROR_BODY = '#/components/schemas/ErrorBody';

const hasSchema = (response: { content?: Record<string, Content> } | undefined) =>
  Object.values(response?.content ?? {}).some((c) => c.schema?.$ref ?? c.schema?.type ?? c.schema?.oneOf);

/** What each operation of the document lacks: a summary, an answer's schema, the error shape, the scheme. */
function gaps(document: Document): string[] {
  const found: string[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      const name = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(operation.responses);
      if (!operation.summary?.trim()) found.push(`${name}: no summary`);
      const answers = statuses.filter((s) => /^2\d\d$/.test(s));
      // 204 answers have no body, so nothing to describe.
      const withBody = answers.filter((s) => s !== '204');
      if (answers.length === 0 || !withBody.every((s) => hasSchema(operation.responses[s]))) {
        found.push(`${name}: an answer without a schema`);
      }
      const errors = statuses.filter((s) => /^[45]\d\d$/.test(s) || s === 'default');
      const errorShaped = (s: string) =>
        operation.responses[s].content?.['application/json']?.schema?.$ref === ERROR_BODY;
      if (errors.length === 0 || !errors.every(errorShaped)) found.push(`${name}: an error without the error shape`);
      if (operation.security?.length && !errors.includes('401')) found.push(`${name}: no 401 for its session`);
    }
  }
  for (const [, name] of JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
    if (!document.components.schemas?.[name]) found.push(`no schema ${name}, though it is referred to`);
  }
  const bearer = document.components.securitySchemes?.bearer;
  if (bearer?.type !== 'http' || bearer.scheme !== 'bearer' || /jwt/i.test(bearer.bearerFormat ?? '')) {
    found.push(`the bearer scheme is not an opaque token: ${JSON.stringify(bearer)}`);
  }
  return found;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await startTestApp();
    const response = await t.http().get('/docs-json');
    expect(response.status).toBe(200);
    document = response.body as Document;
  });
  afterAll(() => t?.close());

  it('gives every operation a summary, a schema for its answer and the error shape for its refusals', () => {
    expect(gaps(document)).toEqual([]);
  });

  it('describes the session token as an opaque bearer token', () => {
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' }),
    });
  });

  it('finds an operation that lacks its summary, its answer or its error shape', () => {
    const path = '/cases/{id}';
    const method = 'get';
    const byMethod = document.paths[path];
    const operation = byMethod[method];
    const name = `${method.toUpperCase()} ${path}`;
    const broken = (change: (o: RawOperation) => RawOperation): Document => ({
      ...document,
      paths: { ...document.paths, [path]: { ...byMethod, [method]: change(structuredClone(operation)) } },
    });
    expect(gaps(broken((o) => ({ ...o, summary: undefined })))).toEqual([`${name}: no summary`]);
    const withoutAnswer = broken((o) => {
      for (const status of Object.keys(o.responses)) if (status.startsWith('2')) delete o.responses[status].content;
      return o;
    });
    expect(gaps(withoutAnswer)).toEqual([`${name}: an answer without a schema`]);
    const withoutErrors = broken((o) => {
      for (const status of Object.keys(o.responses)) if (!status.startsWith('2')) delete o.responses[status];
      return o;
    });
    expect(gaps(withoutErrors)).toContain(`${name}: an error without the error shape`);
  });
});
