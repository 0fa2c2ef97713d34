import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as schema from "@transmute/db";
import { getTableColumns, getTableName, isTable, type Table } from "drizzle-orm";

/**
 * Tables found by a credential's hash before the tenant is known: reference tables under Citus
 * (packages/db/test/distribution.test.ts, docs/scaling.md), so statements on them may omit it.
 */
const CREDENTIAL_TABLES = new Set(["api_keys", "invitations", "refresh_sessions"]);

const tenantTables = (Object.values(schema) as unknown[])
  .filter((value): value is Table => isTable(value))
  .filter((table) => Object.values(getTableColumns(table)).some((c) => c.name === "workspace_id"))
  .map((table) => getTableName(table))
  .filter((name) => !CREDENTIAL_TABLES.has(name));

const touches = new RegExp(`\\b(?:from|join|update|into)\\s+"(${tenantTables.join("|")})"`, "i");
/**
 * A person's own workspaces (sign-in, the workspace list): read by user across workspaces on
 * purpose, which under Citus is a query to every node (docs/scaling.md).
 */
const perPerson = (statement: string) => /"memberships"\."user_id" = \$\d+/.test(statement);
/**
 * Routed by workspace_id: an insert that sets it (drizzle's, or one written out in a CTE whose
 * column list names it), or a condition on it.
 */
const insertColumns = /insert\s+into\s+"?\w+"?\s*\(([^)]*)\)/i;
const routed = (statement: string) => {
  const insert = insertColumns.exec(statement);
  return insert
    ? /(^|[\s,"])workspace_id("|[\s,]|$)/.test(insert[1]!)
    : /"workspace_id"\s*(?:=|in\b|= any)/i.test(statement);
};

/**
 * Vitest global setup: every statement the API sends in the whole suite is logged (harness.ts),
 * and at the end each one on a distributed (tenant) table must be routed by workspace_id, which a
 * Citus deployment needs to send it to one node.
 */
export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), "transmute-queries-"));
  process.env.QUERY_LOG_DIR = dir;
  return () => {
    const statements = new Set(
      readdirSync(dir).flatMap((file) =>
        readFileSync(join(dir, file), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as string),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    const onTenant = [...statements].filter((statement) => touches.test(statement));
    const fannedOut = onTenant.filter((statement) => !routed(statement) && perPerson(statement));
    const unrouted = onTenant.filter((statement) => !routed(statement) && !perPerson(statement));
    console.log(
      `query log: ${statements.size} distinct statements, ${onTenant.length} on tenant tables, ${fannedOut.length} by person across workspaces, ${unrouted.length} without workspace_id`,
    );
    if (unrouted.length > 0)
      throw new Error(`Statements on tenant tables without workspace_id:\n${unrouted.join("\n")}`);
  };
}
