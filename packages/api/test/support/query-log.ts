import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync } from "node:fs";
import { join } from "node:path";

const testCode = new AsyncLocalStorage<true>();

/** Keeps the statement for the suite's workspace_id check (query-log-check.ts), when it runs. */
export function recordStatement(query: string): void {
  const dir = process.env.QUERY_LOG_DIR;
  if (dir && !testCode.getStore())
    appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(query)}\n`);
}

/**
 * The database as test code uses it (row-level security probes that leave the workspace filter
 * out on purpose): what runs inside its calls, transactions included, is not the API's and is
 * not checked.
 */
export function asTestCode<T extends object>(db: T): T {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => testCode.run(true, () => method.apply(target, args));
    },
  });
}
