import { useRef, useState } from "react";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { useFocusFirstInvalid } from "../components/useFocusFirstInvalid";
import { formErrors } from "../errors";
import { formText } from "../formText";
import { trpc } from "../trpc";

export function ChangePasswordForm() {
  const utils = trpc.useUtils();
  const form = useRef<HTMLFormElement>(null);
  const [mismatch, setMismatch] = useState(false);
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: () => {
      form.current?.reset();
      return utils.auth.sessions.invalidate();
    },
  });
  // A wrong current password comes back FORBIDDEN, not as an input issue.
  const errors = formErrors(change.error, ["currentPassword", "newPassword"], {
    FORBIDDEN: "currentPassword",
  });
  useFocusFirstInvalid(form, change.error ?? (mismatch || null));
  const ended = change.data?.endedSessions ?? 0;
  return (
    <form
      ref={form}
      aria-label="Change password"
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const values = event.currentTarget;
        const newPassword = formText(values, "newPassword");
        const repeated = formText(values, "repeatPassword") === newPassword;
        setMismatch(!repeated);
        if (!repeated) return;
        change.mutate({ currentPassword: formText(values, "currentPassword"), newPassword });
      }}
    >
      <h2>Change password</h2>
      <Field label="Current password" error={errors.field("currentPassword")}>
        <input name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field
        label="New password"
        error={errors.field("newPassword")}
        hint="At least 8 characters; spaces are welcome. Common passwords are refused."
      >
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
        />
      </Field>
      <Field
        label="Repeat the new password"
        error={mismatch ? "This is not the same as the new password above." : undefined}
      >
        <input name="repeatPassword" type="password" autoComplete="new-password" required />
      </Field>
      <FormError message={errors.form} />
      {change.isSuccess && (
        <p role="status" className="success">
          Password changed.{" "}
          {ended > 0
            ? `${ended} other session${ended === 1 ? " was" : "s were"} signed out.`
            : "You had no other sessions."}
        </p>
      )}
      <button type="submit" disabled={change.isPending}>
        Change password
      </button>
    </form>
  );
}
