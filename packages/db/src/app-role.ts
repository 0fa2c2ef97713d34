import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "./client";
import { queryRows } from "./rows";
import { APP_ROLE } from "./tenant";

/**
 * PGlite has one connection and one user, the owner that migrated it: once set up, the session
 * becomes the application role for good, so the embedded database enforces what PostgreSQL does.
 */
export async function enterAppRole(handle: DatabaseHandle): Promise<void> {
  if (handle.pglite) await handle.pglite.exec(`set role ${APP_ROLE}`);
}

/** The same database as `ownerUrl`, logged in as the application role (no password: trust). */
export function appRoleUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = "";
  return url.toString();
}

/**
 * Refuses a runtime connection that row-level security would not bind: a superuser, a role with
 * BYPASSRLS, or one that owns tables (FORCE aside, owners are trusted by their policies' absence).
 */
export async function assertLeastPrivilege(db: Database): Promise<void> {
  const [role] = await queryRows<{ name: string; super: boolean; bypass: boolean; owns: boolean }>(
    db,
    sql`select current_user as name, r.rolsuper as super, r.rolbypassrls as bypass,
               exists (select 1 from pg_class c where c.relowner = r.oid
                       and c.relnamespace = 'public'::regnamespace) as owns
        from pg_roles r where r.rolname = current_user`,
  );
  if (!role) throw new Error("Cannot tell which role the database connection uses");
  const reasons = [
    role.super && "is a superuser",
    role.bypass && "has BYPASSRLS",
    role.owns && "owns tables",
  ].filter(Boolean);
  if (reasons.length > 0) {
    throw new Error(
      `DATABASE_URL logs in as "${role.name}", which ${reasons.join(" and ")}: row-level security ` +
        `would not bind it. Log in as ${APP_ROLE} and give the owner's URL as DATABASE_OWNER_URL ` +
        `(see docs/security.md).`,
    );
  }
}
