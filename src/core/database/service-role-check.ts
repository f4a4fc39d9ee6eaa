import { Client } from 'pg';

/**
 * Row-level security only protects against a role it applies to. The service's role must not be a
 * superuser, must not have BYPASSRLS and must own no table. Returns what is wrong, or nothing.
 */
export async function serviceRoleProblems(appUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: appUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const role = await client.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      `SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    const owned = await client.query<{ count: string }>(
      `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE pg_has_role(current_user, c.relowner, 'USAGE') AND n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')`,
    );
    const problems: string[] = [];
    const { rolname, rolsuper, rolbypassrls } = role.rows[0];
    if (rolsuper) problems.push(`role ${rolname} is a superuser`);
    if (rolbypassrls) problems.push(`role ${rolname} has BYPASSRLS`);
    if (Number(owned.rows[0].count) > 0)
      problems.push(`role ${rolname} owns (or is a member of the owner of) ${owned.rows[0].count} tables`);
    return problems;
  } finally {
    await client.end();
  }
}
