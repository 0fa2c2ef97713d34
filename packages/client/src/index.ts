export {
  createTransmuteClient,
  type TransmuteClient,
  type TransmuteClientOptions,
  type TransmuteCredentials,
} from "./client";
/** For a plain `httpBatchLink`: `maxItems: MAX_BATCH_ITEMS`, the most every server accepts. */
export { CLIENT_BATCH_SIZE as MAX_BATCH_ITEMS } from "@transmute/api/limits";
export { HttpStatusError, RequestTimeoutError } from "./errors";
export type {
  AppRouter,
  RouterInputs,
  RouterOutputs,
  TransformationKind,
  TransformationStep,
} from "./router";
export {
  isTerminal,
  terminalStatuses,
  waitForTransformation,
  type Transformation,
  type TransformationStatus,
  type WaitOptions,
} from "./wait";
// The error class every failed call rejects with, so consumers need not depend on @trpc/client.
export { TRPCClientError, isTRPCClientError } from "@trpc/client";
