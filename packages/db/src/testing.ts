// Test support: every database test runs on both engines, each run in a fresh database.
import { describe } from "vitest";
import type { Engine } from "./client";
import { postgresReachable, testDatabaseUrl } from "./test-database";

export * from "./test-database";

const postgresAvailable = await postgresReachable();
if (!postgresAvailable) {
  const message = `PostgreSQL is not reachable at ${testDatabaseUrl}`;
  if (process.env.REQUIRE_POSTGRES === "1") throw new Error(`${message}, and REQUIRE_POSTGRES=1`);
  console.warn(`\n!!! ${message}: the PostgreSQL half of the database tests is SKIPPED. !!!\n`);
}

/** `describe` once per engine; the PostgreSQL block is skipped (with a warning) when no server answers. */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  describe(`${title} [pglite]`, () => body("pglite"));
  (postgresAvailable ? describe : describe.skip)(`${title} [postgres]`, () => body("postgres"));
}

/** For what only a server can do (several processes sharing one database). */
export function describeOnPostgres(title: string, body: () => void): void {
  (postgresAvailable ? describe : describe.skip)(`${title} [postgres]`, body);
}
