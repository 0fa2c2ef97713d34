import { authRouter } from "./routers/auth";
import { documentRouter } from "./routers/document";
import { transformationRouter } from "./routers/transformation";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  workspace: workspaceRouter,
  document: documentRouter,
  transformation: transformationRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: `createCaller(createContextInner(deps, token))`. */
export const createCaller = createCallerFactory(appRouter);
