import { Client } from 'pg';

/**
 * What the service's role could do, through itself or any role it can become, that would put it above
 * row-level security or let it grant itself that. Membership counts whatever its INHERIT flag says:
 * `SET ROLE` works through a NOINHERIT grant too, and so does granting oneself a role one administers.
 *
 * - superuser, BYPASSRLS: row-level security does not apply;
 * - owner of anything in this database (or of the database): an owner bypasses its tables' policies
 *   unless forced, can switch them off, and can grant itself everything;
 * - CREATEROLE: can create a BYPASSRLS role or (before PostgreSQL 16) grant itself any non-superuser
 *   role, the owner included;
 * - CREATEDB, REPLICATION: not needed by the service; REPLICATION streams a copy of the whole cluster;
 * - a predefined role (`pg_read_all_data`, `pg_write_all_data`, `pg_execute_server_program`, …): each
 *   grants access around the privilege system, and the service needs none of them.
 */
const PROBLEMS_SQL = `
  WITH reachable AS (
    SELECT r.oid, r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb, r.rolreplication,
           r.rolname = current_user AS itself
    FROM pg_roles r
    WHERE pg_has_role(current_user, r.oid, 'MEMBER')
  ),
  here AS (SELECT oid FROM pg_database WHERE datname = current_database()),
  owned AS (
    SELECT x.rolname, x.itself, count(*) AS objects
    FROM reachable x
    JOIN pg_shdepend d ON d.refclassid = 'pg_authid'::regclass AND d.refobjid = x.oid AND d.deptype = 'o'
    WHERE d.dbid = (SELECT oid FROM here)
       OR (d.classid = 'pg_database'::regclass AND d.objid = (SELECT oid FROM here))
    GROUP BY x.rolname, x.itself
  )
  SELECT rolname, itself, 'is a superuser' AS problem FROM reachable WHERE rolsuper
  UNION ALL SELECT rolname, itself, 'has BYPASSRLS' FROM reachable WHERE rolbypassrls
  UNION ALL SELECT rolname, itself, 'has CREATEROLE' FROM reachable WHERE rolcreaterole
  UNION ALL SELECT rolname, itself, 'has CREATEDB' FROM reachable WHERE rolcreatedb
  UNION ALL SELECT rolname, itself, 'has REPLICATION' FROM reachable WHERE rolreplication
  UNION ALL SELECT rolname, itself, 'is a predefined role that bypasses privileges' FROM reachable
    WHERE rolname LIKE 'pg\\_%'
  UNION ALL SELECT rolname, itself, 'owns ' || objects || ' object(s) in this database' FROM owned
  ORDER BY itself DESC, rolname, problem`;

/**
 * Row-level security only protects against a role it applies to. Returns, in words, every way the
 * service's role (`appUrl`'s user) could step around it; an empty list when there is none.
 */
export async function serviceRoleProblems(appUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: appUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const [{ rows: me }, { rows }] = [
      await client.query<{ current_user: string }>('SELECT current_user'),
      await client.query<{ rolname: string; itself: boolean; problem: string }>(PROBLEMS_SQL),
    ];
    const role = me[0].current_user;
    // A superuser can become every role: naming them all would bury the one line that matters.
    if (rows.some((row) => row.itself && row.problem === 'is a superuser')) return [`role ${role} is a superuser`];
    return rows.map((row) =>
      row.itself
        ? `role ${role} ${row.problem}`
        : `role ${role} can become role ${row.rolname} (SET ROLE through its memberships), which ${row.problem}`,
    );
  } finally {
    await client.end();
  }
}
