import { EntityMetadata } from 'typeorm';

type Kind = 'bytea' | 'timestamp' | 'plain';

interface ColumnReader {
  property: string;
  column: string;
  kind: Kind;
}

const readers = new WeakMap<EntityMetadata, ColumnReader[]>();

/**
 * Turns a row that PostgreSQL rendered with `to_json(row)` back into the entity's shape, as TypeORM
 * would have read it: bytea (`"\\x…"`) to Buffer, timestamps to Date, the rest as JSON gives them
 * (dates stay `YYYY-MM-DD` strings, arrays arrays). Used where one statement returns a case with its
 * parts as json, so that one round trip replaces several queries and their hydration.
 */
export function entityFromJson<T>(metadata: EntityMetadata, json: unknown): T | null {
  if (json === null || json === undefined) return null;
  const row = json as Record<string, unknown>;
  const entity: Record<string, unknown> = {};
  for (const { property, column, kind } of readersOf(metadata)) {
    const value = row[column];
    if (value === null || value === undefined) entity[property] = value ?? null;
    else if (kind === 'bytea') entity[property] = byteaFromJson(value);
    else if (kind === 'timestamp') entity[property] = new Date(value as string);
    else entity[property] = value;
  }
  return entity as T;
}

function byteaFromJson(value: unknown): Buffer {
  if (typeof value !== 'string' || !value.startsWith('\\x')) throw new Error('expected bytea as \\x… hex');
  return Buffer.from(value.slice(2), 'hex');
}

function readersOf(metadata: EntityMetadata): ColumnReader[] {
  let found = readers.get(metadata);
  if (!found) {
    found = metadata.columns.map((c) => ({
      property: c.propertyName,
      column: c.databaseName,
      kind: kindOf(String(c.type)),
    }));
    readers.set(metadata, found);
  }
  return found;
}

function kindOf(type: string): Kind {
  if (type === 'bytea') return 'bytea';
  if (type === 'timestamptz' || type.startsWith('timestamp')) return 'timestamp';
  return 'plain';
}
