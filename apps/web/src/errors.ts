import type { AppRouter } from "@transmute/api";
import { TRPCClientError } from "@trpc/client";

const serverError = (error: unknown) =>
  error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : undefined;

/** The tRPC error code the server answered with; undefined when it never answered. */
export const errorCode = (error: unknown) => serverError(error)?.code;

/** A 4xx answer: repeating the same call cannot succeed. */
export const isClientError = (error: unknown) => {
  const status = serverError(error)?.httpStatus;
  return status !== undefined && status >= 400 && status < 500;
};

export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : "Something went wrong";
