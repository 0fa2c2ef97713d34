import type { CreateExpressContextOptions } from "@trpc/server/adapters/express";
import type { Request, Response } from "express";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What every request's log lines carry besides its id: the procedure(s) from the URL and, once
 * tRPC has read the input, the workspace it names (as the client sent it: authorization decides
 * later whether the caller may act in it).
 */
export const requestBindings = (req: Request, res: Response) => ({
  procedure: req.path.startsWith("/trpc/")
    ? decodeURIComponent(req.path.slice("/trpc/".length)).slice(0, 200)
    : undefined,
  workspaceId: res.locals.workspaceId as string | undefined,
});

/** Wraps a tRPC createContext so the request's log lines learn the workspace named in its input. */
export function noteWorkspace<C>(createContext: (options: CreateExpressContextOptions) => C) {
  return async (options: CreateExpressContextOptions): Promise<C> => {
    for (const call of options.info.calls) {
      // Already decoded by the transformer, though not yet validated.
      const input = await call.getRawInput().catch(() => undefined);
      const workspaceId = (input as { workspaceId?: unknown } | undefined)?.workspaceId;
      if (typeof workspaceId === "string" && UUID.test(workspaceId)) {
        options.res.locals.workspaceId = workspaceId;
        break;
      }
    }
    return createContext(options);
  };
}
