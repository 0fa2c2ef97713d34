import { countRequest, type RateLimitSettings } from "@transmute/api";
import type { AuthSettings } from "@transmute/api";
import { isDatabaseUnavailable, type Database } from "@transmute/db";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Request, RequestHandler, Response } from "express";

const message = "Too many requests for this API key or workspace; wait for the time in Retry-After";

/** tRPC's error envelope (superjson), one per call of a batch, as the clients expect it. */
function trpcRefusal(req: Request) {
  const error = {
    json: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY.TOO_MANY_REQUESTS,
      data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, issues: null },
    },
  };
  if (req.query.batch !== "1") return { error };
  const calls = req.path.slice(1).split(",").length;
  return Array.from({ length: calls }, () => ({ error }));
}

/**
 * Counts every signed request against the caller's and its workspace's limits (in PostgreSQL,
 * so across server processes) and says where it stands in `RateLimit-*` headers; over a limit,
 * answers 429 TOO_MANY_REQUESTS with `Retry-After`, in the surface's own error format.
 */
export function rateLimit(
  db: Database,
  auth: AuthSettings,
  settings: RateLimitSettings,
  surface: "trpc" | "rest",
): RequestHandler {
  return (req: Request, res: Response, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith("Bearer ")) {
      next();
      return;
    }
    countRequest(db, auth, settings, header.slice(7)).then(
      (state) => {
        if (!state) return next();
        res.setHeader("RateLimit-Limit", state.limit);
        res.setHeader("RateLimit-Remaining", state.remaining);
        res.setHeader("RateLimit-Reset", state.resetSeconds);
        if (!state.exceeded) return next();
        res.setHeader("Retry-After", state.resetSeconds);
        res
          .status(429)
          .json(surface === "trpc" ? trpcRefusal(req) : { code: "TOO_MANY_REQUESTS", message });
      },
      (error: unknown) => {
        // With the database away nothing can be counted; the call goes on to answer its own 503.
        if (isDatabaseUnavailable(error)) next();
        else next(error);
      },
    );
  };
}
