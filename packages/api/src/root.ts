import { authRouter } from "./routers/auth";
import { documentRouter } from "./routers/document";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  workspace: workspaceRouter,
  document: documentRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: `createCaller(createContextInner(deps, token))`. */
export const createCaller = createCallerFactory(appRouter);
