import { TRPCError } from "@trpc/server";
import type { createCaller } from "../../src";
import type { ProcedureInfo } from "./procedures";

type Caller = ReturnType<typeof createCaller>;
type Callable = (input: unknown) => Promise<unknown>;

/**
 * Calls a procedure by path. A subscription counts as answered when it yields its first value
 * or fails; one that is still quiet after `quietMs` has started fine and answers `null`.
 */
export async function callProcedure(
  caller: Caller,
  procedure: Pick<ProcedureInfo, "path" | "type">,
  input: unknown,
  quietMs = 300,
): Promise<unknown> {
  const target = procedure.path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Callable;
  const result = await target(input);
  if (procedure.type !== "subscription") return result;
  const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  try {
    const first = await Promise.race([
      iterator.next(),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), quietMs))),
    ]);
    return first === null ? null : first.value;
  } finally {
    clearTimeout(timer);
    await iterator.return?.();
  }
}

export type Outcome =
  { ok: true; value: unknown } | { ok: false; code: TRPCError["code"]; message: string };

/** A call's result or its error as plain data, so two calls' answers can be compared. */
export function outcome(call: Promise<unknown>): Promise<Outcome> {
  return call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => {
      if (!(error instanceof TRPCError)) throw error;
      return { ok: false as const, code: error.code, message: error.message };
    },
  );
}
