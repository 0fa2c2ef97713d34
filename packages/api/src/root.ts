import { apiKeyRouter } from "./routers/api-key";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { documentRouter } from "./routers/document";
import { invitationRouter } from "./routers/invitation";
import { transformationRouter } from "./routers/transformation";
import { webhookRouter } from "./routers/webhook";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  workspace: workspaceRouter,
  document: documentRouter,
  transformation: transformationRouter,
  invitation: invitationRouter,
  audit: auditRouter,
  apiKey: apiKeyRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: `createCaller(createContextInner(deps, token))`. */
export const createCaller = createCallerFactory(appRouter);
