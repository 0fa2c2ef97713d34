import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { formText } from "../formText";
import { trpc } from "../trpc";
import { useSession } from "./SessionContext";

export function LoginForm() {
  const session = useSession();
  const login = trpc.auth.login.useMutation({ onSuccess: ({ tokens }) => session.signIn(tokens) });
  return (
    <form
      aria-labelledby="login-heading"
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        login.mutate({ email: formText(form, "email"), password: formText(form, "password") });
      }}
    >
      <h2 id="login-heading">Sign in</h2>
      <Field label="Email">
        <input name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password">
        <input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <FormError error={login.error} />
      <button type="submit" disabled={login.isPending}>
        Sign in
      </button>
    </form>
  );
}
