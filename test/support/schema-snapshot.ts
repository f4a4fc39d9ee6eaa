import { Client } from 'pg';

/**
 * The database as the migrations leave it, written out from the catalog: extensions, types, tables
 * (columns, constraints, indexes, row-level security, policies, triggers, grants), sequences, views,
 * functions with their bodies and grants, default privileges. Built from catalog queries rather than
 * pg_dump, whose output changes with its version (and which must be as new as the server), so that one
 * file describes a database on PostgreSQL 15 and on the embedded server alike. Owners are left out; the
 * owner role, named differently in every installation, is written `owner`.
 *
 * Every object is written in its own block and the blocks are sorted by kind and name, so that the
 * order in which migrations created things does not show, only what exists.
 */
export async function schemaSnapshot(url: string, roleNames: Record<string, string> = {}): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ owner }] = (
      await client.query<{ owner: string }>(
        `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()`,
      )
    ).rows;
    const names = new Map<string, string>([[owner, 'owner'], ...Object.entries(roleNames)]);
    const role = (name: string) => names.get(name) ?? name;
    const q = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
    const blocks = [
      ...(await extensions(q)),
      ...(await schemaBlock(q, role)),
      ...(await types(q)),
      ...(await tables(q, role)),
      ...(await sequences(q, role)),
      ...(await views(q, role)),
      ...(await functions(q, role)),
      ...(await defaultPrivileges(q, role)),
    ];
    return (
      '-- The schema the migrations build, read from the catalog of a freshly migrated database.\n' +
      '-- Generated: `npm run schema:snapshot` writes it anew; do not edit it by hand.\n\n' +
      blocks.join('\n\n') +
      '\n'
    );
  } finally {
    await client.end();
  }
}

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;
type RoleName = (name: string) => string;

/** Objects an extension brings are the extension's, not ours: they are left out, the extension named. */
const NOT_FROM_EXTENSION = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

async function extensions(q: Query): Promise<string[]> {
  // Without the version: it is the server's, not the migrations'.
  const rows = await q<{ name: string }>(
    `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname COLLATE "C"`,
  );
  return rows.map((r) => `CREATE EXTENSION ${r.name};`);
}

/**
 * Grants out of an ACL, one line per grantee, the owner's own privileges left out (they are implied,
 * and the set differs between versions: PostgreSQL 17 added MAINTAIN).
 */
async function grants(
  q: Query,
  role: RoleName,
  acl: { sql: string; params: unknown[] },
  on: string,
): Promise<string[]> {
  const rows = await q<{ grantee: string; privileges: string[]; grantable: boolean }>(
    `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee,
            array_agg(a.privilege_type ORDER BY a.privilege_type COLLATE "C") AS privileges, a.is_grantable AS grantable
     FROM (${acl.sql}) x, aclexplode(x.acl) a
     WHERE a.grantee <> x.owner
     GROUP BY 1, 3`,
    acl.params,
  );
  return rows
    .map(
      (r) =>
        `GRANT ${r.privileges.join(', ')} ON ${on} TO ${role(r.grantee)}${r.grantable ? ' WITH GRANT OPTION' : ''};`,
    )
    .sort(byText);
}

async function schemaBlock(q: Query, role: RoleName): Promise<string[]> {
  const lines = await grants(
    q,
    role,
    {
      sql: `SELECT coalesce(nspacl, acldefault('n', nspowner)) AS acl, nspowner AS owner FROM pg_namespace WHERE nspname = 'public'`,
      params: [],
    },
    'SCHEMA public',
  );
  return lines.length > 0 ? [lines.join('\n')] : [];
}

async function types(q: Query): Promise<string[]> {
  const rows = await q<{
    name: string;
    kind: string;
    labels: string[] | null;
    base: string | null;
    checks: string[] | null;
  }>(
    `SELECT t.typname AS name, t.typtype AS kind,
            (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
            (SELECT array_agg(pg_get_constraintdef(c.oid) ORDER BY c.conname COLLATE "C") FROM pg_constraint c WHERE c.contypid = t.oid) AS checks
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'm')
       AND ${NOT_FROM_EXTENSION('pg_type', 't.oid')}
     ORDER BY t.typname COLLATE "C"`,
  );
  return rows.map((t) => {
    if (t.kind === 'e') return `CREATE TYPE ${t.name} AS ENUM (${(t.labels ?? []).map(quote).join(', ')});`;
    if (t.kind === 'd') return `CREATE DOMAIN ${t.name} AS ${t.base}${(t.checks ?? []).map((c) => ` ${c}`).join('')};`;
    return `CREATE TYPE ${t.name} (range or multirange);`;
  });
}

interface Relation {
  oid: number;
  name: string;
  kind: string;
  rls: boolean;
  force_rls: boolean;
}

async function tables(q: Query, role: RoleName): Promise<string[]> {
  const relations = await q<Relation>(
    `SELECT c.oid, c.relname AS name, c.relkind AS kind, c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'c', 'f') AND ${NOT_FROM_EXTENSION('pg_class', 'c.oid')}
     ORDER BY c.relname COLLATE "C"`,
  );
  const blocks: string[] = [];
  for (const t of relations) blocks.push(await table(q, role, t));
  return blocks;
}

async function table(q: Query, role: RoleName, t: Relation): Promise<string> {
  const columns = await q<{
    name: string;
    type: string;
    not_null: boolean;
    default: string | null;
    generated: string;
    identity: string;
    collation: string | null;
  }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated AS generated, a.attidentity AS identity,
            CASE WHEN a.attcollation <> ty.typcollation THEN (SELECT collname FROM pg_collation WHERE oid = a.attcollation) END AS collation
     FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`,
    [t.oid],
  );
  const columnLines = columns.map((c) => {
    let line = `  ${c.name} ${c.type}`;
    if (c.collation) line += ` COLLATE "${c.collation}"`;
    if (c.generated === 's') line += ` GENERATED ALWAYS AS (${c.default}) STORED`;
    else if (c.identity) line += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    else if (c.default !== null) line += ` DEFAULT ${c.default}`;
    if (c.not_null) line += ' NOT NULL';
    return line;
  });
  const keyword = t.kind === 'c' ? 'TYPE' : t.kind === 'f' ? 'FOREIGN TABLE' : 'TABLE';
  const lines = [
    `CREATE ${keyword} ${t.name} (${t.kind === 'p' ? ' -- partitioned' : ''}`,
    columnLines.join(',\n'),
    ');',
  ];

  // NOT NULL is said on the column; PostgreSQL 18 also keeps it as a named constraint ('n'), 15 and 17 do not.
  const constraints = await q<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = $1 AND contype <> 'n' ORDER BY conname COLLATE "C"`,
    [t.oid],
  );
  for (const c of constraints) lines.push(`ALTER TABLE ${t.name} ADD CONSTRAINT ${c.name} ${c.def};`);

  const indexes = await q<{ def: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE i.indrelid = $1 AND NOT EXISTS (
       SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
     ORDER BY ic.relname COLLATE "C"`,
    [t.oid],
  );
  for (const i of indexes) lines.push(`${i.def};`);

  if (t.rls) lines.push(`ALTER TABLE ${t.name} ENABLE ROW LEVEL SECURITY;`);
  if (t.force_rls) lines.push(`ALTER TABLE ${t.name} FORCE ROW LEVEL SECURITY;`);

  const policies = await q<{
    name: string;
    permissive: boolean;
    cmd: string;
    roles: string[];
    qual: string | null;
    check: string | null;
  }>(
    `SELECT p.polname AS name, p.polpermissive AS permissive, p.polcmd AS cmd,
            ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r) AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
     FROM pg_policy p WHERE p.polrelid = $1 ORDER BY p.polname COLLATE "C"`,
    [t.oid],
  );
  const commands: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };
  for (const p of policies) {
    let line = `CREATE POLICY ${p.name} ON ${t.name}${p.permissive ? '' : ' AS RESTRICTIVE'} FOR ${commands[p.cmd]}`;
    line += ` TO ${p.roles.map(role).sort(byText).join(', ')}`;
    // In parentheses as pg_dump writes them, whether or not the expression has its own.
    if (p.qual !== null) line += `\n  USING (${p.qual})`;
    if (p.check !== null) line += `\n  WITH CHECK (${p.check})`;
    lines.push(`${line};`);
  }

  const triggers = await q<{ def: string }>(
    `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1 AND NOT tgisinternal
     ORDER BY tgname COLLATE "C"`,
    [t.oid],
  );
  for (const tr of triggers) lines.push(`${tr.def};`);

  lines.push(
    ...(await grants(
      q,
      role,
      {
        sql: `SELECT coalesce(relacl, acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_class WHERE oid = $1`,
        params: [t.oid],
      },
      `TABLE ${t.name}`,
    )),
  );
  const columnGrants = await q<{ grantee: string; privilege: string; columns: string[] }>(
    `SELECT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee) END AS grantee, g.privilege_type AS privilege,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid, aclexplode(a.attacl) g
     WHERE a.attrelid = $1 AND a.attacl IS NOT NULL AND NOT a.attisdropped AND g.grantee <> c.relowner
     GROUP BY 1, 2`,
    [t.oid],
  );
  lines.push(
    ...columnGrants
      .map((g) => `GRANT ${g.privilege} (${g.columns.join(', ')}) ON TABLE ${t.name} TO ${role(g.grantee)};`)
      .sort(byText),
  );
  return lines.join('\n');
}

async function sequences(q: Query, role: RoleName): Promise<string[]> {
  const rows = await q<{
    oid: number;
    name: string;
    type: string;
    start: string;
    min: string;
    max: string;
    increment: string;
    cache: string;
    cycle: boolean;
    owned_by: string | null;
  }>(
    `SELECT c.oid, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart AS start, s.seqmin AS min,
            s.seqmax AS max, s.seqincrement AS increment, s.seqcache AS cache, s.seqcycle AS cycle,
            (SELECT format('%s.%s', t.relname, a.attname) FROM pg_depend d
               JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
               AND d.deptype IN ('a', 'i')) AS owned_by
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
     WHERE n.nspname = 'public' AND c.relkind = 'S' AND ${NOT_FROM_EXTENSION('pg_class', 'c.oid')}
     ORDER BY c.relname COLLATE "C"`,
  );
  const blocks: string[] = [];
  for (const s of rows) {
    const lines = [
      `CREATE SEQUENCE ${s.name} AS ${s.type} START ${s.start} INCREMENT ${s.increment} MINVALUE ${s.min} ` +
        `MAXVALUE ${s.max} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ''}${s.owned_by ? ` OWNED BY ${s.owned_by}` : ''};`,
      ...(await grants(
        q,
        role,
        {
          sql: `SELECT coalesce(relacl, acldefault('s', relowner)) AS acl, relowner AS owner FROM pg_class WHERE oid = $1`,
          params: [s.oid],
        },
        `SEQUENCE ${s.name}`,
      )),
    ];
    blocks.push(lines.join('\n'));
  }
  return blocks;
}

async function views(q: Query, role: RoleName): Promise<string[]> {
  const rows = await q<{ oid: number; name: string; kind: string; def: string }>(
    `SELECT c.oid, c.relname AS name, c.relkind AS kind, pg_get_viewdef(c.oid) AS def
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') AND ${NOT_FROM_EXTENSION('pg_class', 'c.oid')}
     ORDER BY c.relname COLLATE "C"`,
  );
  const blocks: string[] = [];
  for (const v of rows) {
    const keyword = v.kind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW';
    const lines = [
      `CREATE ${keyword} ${v.name} AS\n${v.def.trimEnd()}`,
      ...(await grants(
        q,
        role,
        {
          sql: `SELECT coalesce(relacl, acldefault('r', relowner)) AS acl, relowner AS owner FROM pg_class WHERE oid = $1`,
          params: [v.oid],
        },
        `TABLE ${v.name}`,
      )),
    ];
    blocks.push(lines.join('\n'));
  }
  return blocks;
}

async function functions(q: Query, role: RoleName): Promise<string[]> {
  const rows = await q<{ oid: number; signature: string; def: string; kind: string }>(
    `SELECT p.oid, format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS signature,
            CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) END AS def, p.prokind AS kind
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND ${NOT_FROM_EXTENSION('pg_proc', 'p.oid')}`,
  );
  rows.sort((a, b) => byText(a.signature, b.signature));
  const blocks: string[] = [];
  for (const f of rows) {
    const keyword = f.kind === 'p' ? 'PROCEDURE' : 'FUNCTION';
    const lines = [
      f.def === null ? `CREATE AGGREGATE ${f.signature};` : `${f.def.trimEnd()};`,
      ...(await grants(
        q,
        role,
        {
          sql: `SELECT coalesce(proacl, acldefault('f', proowner)) AS acl, proowner AS owner FROM pg_proc WHERE oid = $1`,
          params: [f.oid],
        },
        `${keyword} ${f.signature}`,
      )),
    ];
    blocks.push(lines.join('\n'));
  }
  return blocks;
}

async function defaultPrivileges(q: Query, role: RoleName): Promise<string[]> {
  const rows = await q<{ role: string; schema: string | null; kind: string; grantee: string; privileges: string[] }>(
    `SELECT pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype AS kind,
            CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee,
            array_agg(a.privilege_type ORDER BY a.privilege_type COLLATE "C") AS privileges
     FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a
     WHERE a.grantee <> d.defaclrole
     GROUP BY 1, 2, 3, 4`,
  );
  const kinds: Record<string, string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };
  const lines = rows
    .map(
      (d) =>
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${role(d.role)}${d.schema ? ` IN SCHEMA ${d.schema}` : ''} ` +
        `GRANT ${d.privileges.join(', ')} ON ${kinds[d.kind] ?? d.kind} TO ${role(d.grantee)};`,
    )
    .sort(byText);
  return lines.length > 0 ? [lines.join('\n')] : [];
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Byte order, the same on every machine (no locale). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
