import { errorMessage } from "../errors";

/** A form-level error: a failed call's message, or a message already worked out by the caller. */
export function FormError({ error, message }: { error?: unknown; message?: string | null }) {
  const text = message ?? (error ? errorMessage(error) : null);
  if (!text) return null;
  return (
    <p role="alert" className="form-error">
      {text}
    </p>
  );
}
