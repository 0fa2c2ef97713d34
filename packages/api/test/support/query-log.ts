import { appendFileSync } from "node:fs";
import { join } from "node:path";

/** Keeps the statement for the suite's workspace_id check (query-log-check.ts), when it runs. */
export function recordStatement(query: string): void {
  const dir = process.env.QUERY_LOG_DIR;
  if (dir) appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(query)}\n`);
}
