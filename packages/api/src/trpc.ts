import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { isDatabaseUnavailable, type ApiScope } from "@transmute/db";
import type { Context } from "./context";

export interface ProcedureMeta {
  /**
   * Who may call a procedure. Every procedure gets it from the base builder it starts from (so it
   * is optional only to let a procedure add `scope` alone), and tests walk the router to prove
   * nothing is reachable by accident.
   */
  access?: "public" | "authed" | "workspace";
  /**
   * The scope an API key needs to call this workspace procedure; "any" lets every key of the
   * workspace call it (a key may always ask which workspace it is for). Without one, keys are
   * refused: the procedure is for people.
   */
  scope?: ApiScope | "any";
}

/** One error shape for every surface (tRPC and REST): issues named by path, internals masked. */
export const errorFormatter = <S extends { message: string; data: object }>({
  shape,
  error,
  ctx,
}: {
  shape: S;
  error: TRPCError;
  ctx?: Context;
}) => {
  const issues = error.cause instanceof ZodError ? error.cause.issues : null;
  const masked = error.code === "INTERNAL_SERVER_ERROR" && !ctx?.exposeInternalErrors;
  const message = issues
    ? issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ")
    : masked
      ? "Internal server error"
      : shape.message;
  return { ...shape, message, data: { ...shape.data, issues } };
};

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  transformer: superjson,
  // Stacks never leave the server, in any mode: the server logs them, clients get the code.
  isDev: false,
  errorFormatter,
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
/** Seconds a client is told to wait (`Retry-After`) when the database cannot serve. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The one place a database that is away (restarting, unreachable, read-only, out of resources)
 * becomes SERVICE_UNAVAILABLE, an answer a client retries, instead of an internal error.
 */
export const databaseUnavailable = (cause: unknown) =>
  new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: `The database is unavailable; try again in ${RETRY_AFTER_SECONDS} s`,
    cause,
  });

export const publicProcedure = t.procedure.meta({ access: "public" }).use(async ({ ctx, next }) => {
  const work = next();
  ctx.track?.(work);
  const result = await work;
  if (!result.ok && isDatabaseUnavailable(result.error)) throw databaseUnavailable(result.error);
  return result;
});
export { TRPCError };
