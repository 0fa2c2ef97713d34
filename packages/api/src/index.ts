import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, createCaller, type AppRouter } from "./root";
export { createContextFactory, createContextInner, type ApiDeps, type Context } from "./context";
export { defaultAuthSettings, type AuthSettings } from "./auth/settings";
export { retryAfterSeconds } from "./retry-later";
/** For seeding many documents at once (benchmarks): what document.create runs. */
export { createDocument } from "./documents";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { RETRY_AFTER_SECONDS } from "./trpc";
export { openApiDocument, restRouter, type RestRouter } from "./rest";
export {
  countRequest,
  defaultRateLimits,
  type RateLimitSettings,
  type RateLimitState,
} from "./rate-limits";
