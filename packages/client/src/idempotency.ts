import { randomUUID } from "node:crypto";
import type { Operation, TRPCLink } from "@trpc/client";
import type { AppRouter } from "./router";

/** The creates that take an idempotency key: a repeat with the same key makes nothing new. */
const keyedMutations = new Set(["document.create", "transformation.create"]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** True when sending the operation again cannot do its work twice. */
export function repeatable(op: Operation): boolean {
  return (
    op.type === "query" ||
    (keyedMutations.has(op.path) && isRecord(op.input) && op.input.idempotencyKey !== undefined)
  );
}

/**
 * Gives every create without an idempotency key one of its own, before the retry link, so each
 * attempt carries the same key and a create whose answer was lost can be sent again safely.
 */
export function idempotencyLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (
        op.type !== "mutation" ||
        !keyedMutations.has(op.path) ||
        !isRecord(op.input) ||
        op.input.idempotencyKey !== undefined
      )
        return next(op);
      return next({ ...op, input: { ...op.input, idempotencyKey: randomUUID() } });
    };
}
