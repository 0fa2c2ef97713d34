import type postgres from "postgres";

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * The postgres.js client drizzle is given, with every statement prepared (named, once per
 * connection). drizzle asks postgres.js for unnamed statements, and postgres.js sends an unnamed
 * statement with parameters in two round trips (describe it, then run it), every time; a prepared
 * one is described once per connection and then runs in one. So `document.list` takes five round
 * trips instead of eight, and PostgreSQL plans each statement once per connection. Transactions
 * and savepoints hand drizzle their own client, which gets the same treatment.
 */
export function preparingStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], {
            ...options,
            prepare: true,
          });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const method = Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown;
          return method(...args, (tx: postgres.TransactionSql) => work(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
