export {
  createTransmuteClient,
  type TransmuteClient,
  type TransmuteClientOptions,
  type TransmuteCredentials,
} from "./client";
export { HttpStatusError, RequestTimeoutError } from "./errors";
export type { AppRouter, RouterInputs, RouterOutputs } from "./router";
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
