import { isTRPCClientError } from "@transmute/client";

/** Exit codes, for scripts: success, a failure, a wrong command line, no or bad credentials. */
export const exitCodes = { ok: 0, failure: 1, usage: 2, auth: 3 } as const;

/** A failure with a message meant for people, and the exit code it ends with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.failure,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, exitCodes.usage);
export const authError = (message: string) => new CliError(message, exitCodes.auth);

export interface DescribedError {
  message: string;
  exitCode: number;
  /** The API's error code (NOT_FOUND, BAD_REQUEST, …) when the API answered. */
  code?: string;
}

/** Any error as a message and an exit code; never a stack. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (isTRPCClientError(error)) {
    // Thrown while getting credentials for the request, e.g. a session that could not be renewed.
    if (error.cause instanceof CliError) return describeError(error.cause);
    const code = (error.data as { code?: string } | undefined)?.code;
    const described = apiError(error.message, code, error.cause);
    return code ? { ...described, code } : described;
  }
  if (error instanceof Error) return { message: error.message, exitCode: exitCodes.failure };
  return { message: String(error), exitCode: exitCodes.failure };
}

function apiError(message: string, code: string | undefined, cause: unknown): DescribedError {
  if (code === "UNAUTHORIZED") {
    return {
      message: `${message} (sign in with \`transmute login\` or \`transmute use-key <key>\`)`,
      exitCode: exitCodes.auth,
    };
  }
  if (code === "FORBIDDEN") return { message, exitCode: exitCodes.auth };
  // No answer from the API at all: say where we tried.
  if (!code && cause instanceof TypeError) {
    return { message: `Cannot reach Transmute: ${describeCause(cause)}`, exitCode: 1 };
  }
  return { message, exitCode: exitCodes.failure };
}

/** fetch's "fetch failed" says nothing; its cause says what: refused, unknown host, reset. */
function describeCause(error: TypeError): string {
  return (error.cause as { message?: string } | undefined)?.message ?? error.message;
}
