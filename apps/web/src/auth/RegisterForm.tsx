import { useRef } from "react";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { useFocusFirstInvalid } from "../components/useFocusFirstInvalid";
import { formErrors } from "../errors";
import { formText } from "../formText";
import { trpc } from "../trpc";
import { useSession } from "./SessionContext";

/** `email`: the address an invitation was sent to, filled in for the invitee. */
export function RegisterForm({ email }: { email?: string }) {
  const session = useSession();
  const form = useRef<HTMLFormElement>(null);
  const register = trpc.auth.register.useMutation({
    onSuccess: ({ tokens }) => session.signIn(tokens),
  });
  // A taken address is the email field's problem.
  const errors = formErrors(register.error, ["name", "email", "password"], { CONFLICT: "email" });
  useFocusFirstInvalid(form, register.error);
  return (
    <form
      ref={form}
      aria-label="Create an account"
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const values = event.currentTarget;
        register.mutate({
          name: formText(values, "name"),
          email: formText(values, "email"),
          password: formText(values, "password"),
        });
      }}
    >
      <Field label="Name" error={errors.field("name")}>
        <input name="name" autoComplete="name" required maxLength={100} autoFocus />
      </Field>
      <Field label="Email" error={errors.field("email")}>
        <input name="email" type="email" autoComplete="email" required defaultValue={email} />
      </Field>
      <Field
        label="Password"
        error={errors.field("password")}
        hint="At least 8 characters; spaces are welcome. Common passwords are refused."
      >
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </Field>
      <FormError message={errors.form} />
      <button type="submit" disabled={register.isPending}>
        {register.isPending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
