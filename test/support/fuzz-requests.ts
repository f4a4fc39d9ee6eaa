import fc from 'fast-check';
import { ApiDescription, Operation, Schema } from './openapi-operations';
import { extraFieldName, junkBody, malformedJson, malformedUrlValue, UrlValue } from './malformed-input';

/** One request of the fuzzing, ready to send. */
export interface FuzzRequest {
  method: Operation['method'];
  /** Path and query, already encoded (or deliberately not). */
  url: string;
  /** Raw body text, sent as application/json unless `contentType` says otherwise. */
  body?: string;
  contentType?: string;
}

/**
 * Real records to name in the requests, so that they get past "no such case" to the validation of what
 * they carry: for a path parameter (by route prefix and name) and for a body or query field (by name),
 * ids the caller can see and ids it cannot.
 */
export interface KnownIds {
  pathParameter(path: string, name: string): string[];
  field(name: string): string[];
}

/** Plausible values of a field, so that one malformed field among good ones is what gets refused. */
function plausible(schema: Schema, name: string, api: ApiDescription, ids: KnownIds, depth = 0): fc.Arbitrary<unknown> {
  const resolved = api.resolve(schema);
  if (resolved.enum?.length) return fc.constantFrom(...resolved.enum);
  const known = ids.field(name);
  if (resolved.type === 'array') {
    if (known.length) return fc.constantFrom(...known).map((id) => [id]);
    return plausible(resolved.items ?? {}, name, api, ids, depth + 1).map((item) => [item]);
  }
  if (resolved.properties && depth < 3) {
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, property] of Object.entries(resolved.properties)) {
      shape[key] = plausible(property, key, api, ids, depth + 1);
    }
    return fc.record(shape, { requiredKeys: resolved.required ?? [] });
  }
  if (known.length) return fc.constantFrom(...known);
  if (resolved.type === 'number' || resolved.type === 'integer') return fc.constantFrom(1, 2);
  if (resolved.type === 'boolean') return fc.boolean();
  return fc.constant(plausibleText(name, resolved));
}

function plausibleText(name: string, schema: Schema): string {
  // One the password policy refuses before the current password is checked: a wrong current password
  // would count as a failed login of the fuzzing role's account, and twenty of them lock it.
  if (name === 'newPassword') return 'password1234';
  if (name === 'dueAt') return new Date(Date.now() + 7 * 86_400_000).toISOString();
  if (name === 'from' || name === 'to') return '2026-01-01T00:00:00Z';
  if (name === 'dateOfBirth' || name === 'occurredOn') return '1990-05';
  if (/(On|Start|End|From|To)$/.test(name)) return '2026-01-15';
  if (typeof schema.example === 'string') return schema.example;
  return 'plausible text';
}

/** Where in a body a field sits, as keys and positions from the top. */
type FieldPath = Array<string | number>;

/** Every field of a body schema, nested ones included (through arrays, by their first element). */
function fieldsOf(schema: Schema, api: ApiDescription, prefix: FieldPath = [], depth = 0): FieldPath[] {
  const resolved = api.resolve(schema);
  if (depth > 3) return [];
  if (resolved.type === 'array' && resolved.items) return fieldsOf(resolved.items, api, [...prefix, 0], depth + 1);
  const fields: FieldPath[] = [];
  for (const [key, property] of Object.entries(resolved.properties ?? {})) {
    fields.push([...prefix, key], ...fieldsOf(property, api, [...prefix, key], depth + 1));
  }
  return fields;
}

type Mutation =
  | { kind: 'set'; path: FieldPath; value: unknown }
  | { kind: 'extra'; path: FieldPath; key: string; value: unknown }
  | { kind: 'delete'; path: FieldPath };

function apply(body: Record<string, unknown>, mutation: Mutation): void {
  const path = mutation.kind === 'extra' ? [...mutation.path, mutation.key] : mutation.path;
  let holder: Record<string | number, unknown> = body;
  for (const step of path.slice(0, -1)) {
    const next = holder[step];
    if (next === null || typeof next !== 'object') holder[step] = typeof step === 'number' ? [] : {};
    const child = holder[step] as Record<string | number, unknown>;
    if (Array.isArray(child) && child.length === 0) child.push({});
    holder = Array.isArray(child) ? (child[0] as Record<string | number, unknown>) : child;
    if (holder === null || typeof holder !== 'object') return;
  }
  const last = path[path.length - 1];
  if (mutation.kind === 'delete') delete holder[last];
  // defineProperty, so that a key such as __proto__ becomes a field of the JSON text, not a prototype;
  // a copy, since fc.constant hands out one object for every run, which a later mutation would write into.
  else
    Object.defineProperty(holder, last, {
      value: structuredClone(mutation.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/** A JSON body of the operation's DTO with one to three fields made bad, or a body that is no such object. */
function bodyArbitrary(operation: Operation, api: ApiDescription, ids: KnownIds): fc.Arbitrary<FuzzRequest['body']> {
  if (!operation.body) return sometimes(junkBody, 1, 2);
  const fields = fieldsOf(operation.body, api);
  const parents: FieldPath[] = [[], ...fields.filter((f) => typeof f[f.length - 1] === 'string')];
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        path: fc.constantFrom(...fields),
        value: malformedJson,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        path: fc.constantFrom(...parents),
        key: extraFieldName,
        value: malformedJson,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...fields) }) },
  );
  const mutated = fc
    .tuple(plausible(operation.body, 'body', api, ids), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([base, mutations]) => {
      const body = structuredClone(base) as Record<string, unknown>;
      for (const m of mutations) apply(body, m);
      return JSON.stringify(body);
    });
  return fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 1, arbitrary: junkBody });
}

/** `arbitrary` in `weight` cases out of `weight + otherwise`, else undefined. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, weight: number, otherwise: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight, arbitrary }, { weight: otherwise, arbitrary: fc.constant(undefined) });
}

const encode = (value: UrlValue) => (value.encoded ? encodeURIComponent(value.text) : value.text);

/**
 * The path with each parameter a known id or a malformed value. Operations that change something
 * without a body (erase, withdraw, disable…) get malformed parameters only: with good ones they would
 * simply be carried out, and the records the other requests need would be gone.
 */
function pathArbitrary(operation: Operation, ids: KnownIds): fc.Arbitrary<string> {
  const destructive = operation.method !== 'get' && !operation.body;
  const values = operation.pathParameters.map((p) => {
    const known = ids.pathParameter(operation.path, p.name);
    const malformed = malformedUrlValue.map(encode);
    if (destructive || known.length === 0) return malformed;
    const good = fc.constantFrom(...known);
    return fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: malformed });
  });
  return fc.tuple(...values).map((chosen) => {
    let index = 0;
    return operation.path.replace(/:[A-Za-z]+/g, () => chosen[index++]);
  });
}

/** Query parameters: each absent, plausible or malformed, sometimes repeated, sometimes one the route lacks. */
function queryArbitrary(operation: Operation, api: ApiDescription, ids: KnownIds): fc.Arbitrary<string> {
  const parameter = operation.queryParameters.map((p) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<string[]>([]) },
      {
        weight: 2,
        arbitrary: plausible(p.schema, p.name, api, ids).map((v) => [
          `${p.name}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`,
        ]),
      },
      { weight: 3, arbitrary: malformedUrlValue.map((v) => [`${p.name}=${encode(v)}`]) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(malformedUrlValue, malformedUrlValue)
          .map(([a, b]) => [`${p.name}=${encode(a)}`, `${p.name}=${encode(b)}`]),
      },
    ),
  );
  const extra = sometimes(
    fc.tuple(extraFieldName, malformedUrlValue).map(([key, v]) => `${encodeURIComponent(key)}=${encode(v)}`),
    1,
    2,
  );
  return fc.tuple(fc.tuple(...parameter), extra).map(([params, more]) => {
    const parts = [...params.flat(), ...(more ? [more] : [])];
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

export function requestArbitrary(operation: Operation, api: ApiDescription, ids: KnownIds): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path: pathArbitrary(operation, ids),
      query: queryArbitrary(operation, api, ids),
      body: bodyArbitrary(operation, api, ids),
      contentType: sometimes(
        fc.constantFrom('text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded'),
        1,
        12,
      ),
    })
    .map(({ path, query, body, contentType }) => ({
      method: operation.method,
      url: withinUrlLimit(path, query),
      body,
      contentType: body === undefined ? undefined : contentType,
    }));
}

/**
 * Node's HTTP server refuses a request head over 16 KB with a bare 431 before any code of the service
 * runs; query parameters are dropped from the end until the URL fits in 8 KB, as proxies allow.
 */
const MAX_URL = 8 * 1024;
function withinUrlLimit(path: string, query: string): string {
  const parts = query ? query.slice(1).split('&') : [];
  while (parts.length && path.length + 1 + parts.join('&').length > MAX_URL) parts.pop();
  return parts.length ? `${path}?${parts.join('&')}` : path;
}
