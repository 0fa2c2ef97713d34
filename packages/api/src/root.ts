import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { documentRouter } from "./routers/document";
import { invitationRouter } from "./routers/invitation";
import { transformationRouter } from "./routers/transformation";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  workspace: workspaceRouter,
  document: documentRouter,
  transformation: transformationRouter,
  invitation: invitationRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: `createCaller(createContextInner(deps, token))`. */
export const createCaller = createCallerFactory(appRouter);
