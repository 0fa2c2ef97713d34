import type { AppRouter } from "@transmute/api";
import { TRPCClientError } from "@trpc/client";
import { labelFor } from "./labelFor";

type ServerError = NonNullable<TRPCClientError<AppRouter>["data"]>;
export type ErrorCode = ServerError["code"];

const serverError = (error: unknown): ServerError | undefined =>
  error instanceof TRPCClientError
    ? ((error as TRPCClientError<AppRouter>).data ?? undefined)
    : undefined;

/** The tRPC error code the server answered with; undefined when it never answered. */
export const errorCode = (error: unknown) => serverError(error)?.code;

/** A 4xx answer: repeating the same call cannot succeed. */
export const isClientError = (error: unknown) => {
  const status = serverError(error)?.httpStatus;
  return status !== undefined && status >= 400 && status < 500;
};

/**
 * What went wrong, for people. The server's 4xx messages are written for them already; what it
 * masks (500s) and what never reached it get a message that says what to do.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && serverError(error) === undefined) {
    return "The server could not be reached. Check your connection, then try again.";
  }
  if (errorCode(error) === "INTERNAL_SERVER_ERROR") {
    return "Something went wrong on the server. Try again in a moment; if it keeps failing, tell your administrator.";
  }
  return error instanceof Error ? error.message : "Something went wrong";
}

export interface InputIssue {
  /** The path of the refused value, dot-separated: "password", "steps.0.kind". */
  path: string;
  message: string;
}

/** The zod issues the server refused an input with (`error.data.issues`), if that is what it was. */
export function inputIssues(error: unknown): InputIssue[] {
  const issues = serverError(error)?.issues;
  if (!issues) return [];
  return issues.map((issue) => ({
    path: issue.path.map((part) => String(part)).join("."),
    message: issue.message,
  }));
}

export interface FormErrors {
  /** The message for the field of this name, when the server refused its value. */
  field(name: string): string | undefined;
  /** Everything that belongs to no field the form shows; null when nothing does. */
  form: string | null;
}

const noErrors: FormErrors = { field: () => undefined, form: null };

/**
 * Places a failed call's errors in a form: each input issue under the field it names (an issue
 * in "tags.3" under "tags"), the rest above the submit button. `byCode` puts errors that are not
 * input issues under a field too, such as a wrong current password.
 */
export function formErrors(
  error: unknown,
  fields: readonly string[],
  byCode: Partial<Record<ErrorCode, string>> = {},
): FormErrors {
  if (!error) return noErrors;
  const issues = inputIssues(error);
  if (issues.length === 0) {
    const code = errorCode(error);
    const field = code && byCode[code];
    if (field && fields.includes(field)) {
      const message = errorMessage(error);
      return { field: (name) => (name === field ? message : undefined), form: null };
    }
    return { field: () => undefined, form: errorMessage(error) };
  }
  const placed = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const issue of issues) {
    const field = fields.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
    if (field) placed.set(field, [...(placed.get(field) ?? []), issue.message]);
    else unplaced.push(issue.path ? `${labelFor(issue.path)}: ${issue.message}` : issue.message);
  }
  return {
    field: (name) => placed.get(name)?.join(" "),
    form: unplaced.length > 0 ? unplaced.join(" ") : null,
  };
}
