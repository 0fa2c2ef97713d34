import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows, sql } from "../src";
import { createTestDatabase, describeEachEngine, type TestDatabase } from "../src/testing";

/**
 * Tables without workspace_id: replicated whole to every node under Citus (create_reference_table,
 * docs/scaling.md). Anything else must carry workspace_id, the distribution column.
 */
const REFERENCE_TABLES = [
  "account_security_events",
  "known_sign_in_addresses",
  "login_throttle",
  "rate_limits",
  "users",
  "workspaces",
];

/**
 * Tables with workspace_id that are found by a credential's hash before the tenant is known (API
 * keys, invitation links, refresh tokens), so their unique hash cannot include it: reference
 * tables too, small and written rarely. Every other table with workspace_id is distributed.
 */
const CREDENTIAL_TABLES = ["api_keys", "invitations", "refresh_sessions"];

interface Constraint {
  table: string;
  name: string;
  kind: "p" | "u" | "f" | "index";
  columns: string[];
  referenced: string | null;
  referencedColumns: string[] | null;
}

/**
 * Checks the schema can be distributed by workspace_id (Citus): a primary key, unique constraint,
 * unique index or foreign key between tenant tables is enforceable per node only if it includes
 * the distribution column. Citus is not installable here: this proves the schema's shape, not Citus.
 */
describeEachEngine("distribution by workspace_id", (engine) => {
  let database: TestDatabase;
  let tables: { table: string; tenant: boolean }[];
  let constraints: Constraint[];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    tables = await queryRows(
      database.owner,
      sql`select c.relname as "table",
            exists (select 1 from pg_attribute a where a.attrelid = c.oid
                    and a.attname = 'workspace_id' and not a.attisdropped) as tenant
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like '\\_\\_%'
          order by 1`,
    );
    constraints = await queryRows(
      database.owner,
      sql`select c.conrelid::regclass::text as "table", c.conname as name, c.contype as kind,
            array(select a.attname::text from unnest(c.conkey) k
                  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as columns,
            c.confrelid::regclass::text as referenced,
            array(select a.attname::text from unnest(c.confkey) k
                  join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k) as "referencedColumns"
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where n.nspname = 'public' and c.contype in ('p', 'u', 'f')
          union all
          select i.indrelid::regclass::text, ic.relname, 'index',
            array(select a.attname::text from unnest(i.indkey) k
                  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k), null, null
          from pg_index i join pg_class ic on ic.oid = i.indexrelid
          join pg_namespace n on n.oid = ic.relnamespace
          where n.nspname = 'public' and i.indisunique
            and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    );
  });
  afterAll(() => database.destroy());

  const tenantTables = () =>
    new Set(
      tables.filter((t) => t.tenant && !CREDENTIAL_TABLES.includes(t.table)).map((t) => t.table),
    );

  it("lists every table without workspace_id as a reference table, and no other", () => {
    expect(tables.filter((t) => !t.tenant).map((t) => t.table)).toEqual(REFERENCE_TABLES);
  });

  it("has unique keys without workspace_id only on the credential tables", () => {
    const lacking = constraints.filter(
      (c) =>
        c.kind !== "f" &&
        !c.columns.includes("workspace_id") &&
        !REFERENCE_TABLES.includes(c.table),
    );
    expect([...new Set(lacking.map((c) => c.table))].sort()).toEqual(CREDENTIAL_TABLES);
  });

  it("includes workspace_id in every tenant table's primary key and unique indexes", () => {
    const tenant = tenantTables();
    const keys = constraints.filter((c) => tenant.has(c.table) && c.kind !== "f");
    expect(keys.length).toBeGreaterThan(0);
    const lacking = keys.filter((c) => !c.columns.includes("workspace_id")).map((c) => c.name);
    expect(lacking).toEqual([]);
    for (const table of tenant)
      expect(keys.some((c) => c.table === table && c.kind === "p")).toBe(true);
  });

  it("joins tenant tables by foreign keys that carry workspace_id on both sides", () => {
    const tenant = tenantTables();
    const between = constraints.filter(
      (c) => c.kind === "f" && tenant.has(c.table) && tenant.has(c.referenced!),
    );
    const lacking = between
      .filter((c) => {
        const at = c.columns.indexOf("workspace_id");
        return at === -1 || c.referencedColumns![at] !== "workspace_id";
      })
      .map((c) => c.name);
    expect(lacking).toEqual([]);
  });

  it("has no foreign key from a reference table to a distributed one (Citus refuses them)", () => {
    const tenant = tenantTables();
    const refused = constraints
      .filter((c) => c.kind === "f" && !tenant.has(c.table) && tenant.has(c.referenced!))
      .map((c) => c.name);
    expect(refused).toEqual([]);
  });
});
