import { TRPCClientError } from "@trpc/client";

/** A refusal as the client receives it from the server: code, HTTP status and zod issues. */
export function serverRefusal(
  code: string,
  message: string,
  options: { httpStatus?: number; issues?: { path: (string | number)[]; message: string }[] } = {},
) {
  return new TRPCClientError(message, {
    result: {
      error: {
        code: -32600,
        message,
        data: {
          code,
          httpStatus: options.httpStatus ?? 400,
          issues: options.issues?.map((issue) => ({ code: "custom", ...issue })) ?? null,
        },
      },
    },
  });
}
