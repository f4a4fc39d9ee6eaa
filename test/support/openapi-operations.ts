import type { TestApp } from './test-app';

/** The parts of an OpenAPI 3 schema the fuzzing reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: Schema;
}

/** One operation of the API as its generated description gives it. */
export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** In Express form, `/cases/:id`, as the route inventory writes it. */
  path: string;
  pathParameters: Parameter[];
  queryParameters: Parameter[];
  body: Schema | undefined;
}

export interface ApiDescription {
  operations: Operation[];
  /** Resolves `$ref` (one level; call again for nested references). */
  resolve(schema: Schema): Schema;
}

interface RawParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  parameters?: RawParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Every operation of the app's OpenAPI document (`/docs-json`, served with PANOH_OPENAPI_DOCS=true). */
export async function describeApi(t: TestApp): Promise<ApiDescription> {
  const response = await t.http().get('/docs-json');
  if (response.status !== 200) throw new Error(`/docs-json answered ${response.status}`);
  const document = response.body as {
    paths: Record<string, Record<string, RawOperation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const schemas = document.components?.schemas ?? {};
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(byMethod)) {
      const parameters = (where: string) =>
        (raw.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
      operations.push({
        method: method as Operation['method'],
        path: path.replace(/\{([A-Za-z]+)\}/g, ':$1'),
        pathParameters: parameters('path'),
        queryParameters: parameters('query'),
        body: raw.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  const resolve = (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const found = schemas[name];
    if (!found) throw new Error(`the OpenAPI document has no schema ${name}`);
    return found;
  };
  return { operations, resolve };
}
