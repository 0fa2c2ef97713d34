import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { formText } from "../formText";
import { trpc } from "../trpc";
import { useSession } from "./SessionContext";

export function RegisterForm() {
  const session = useSession();
  const register = trpc.auth.register.useMutation({
    onSuccess: ({ tokens }) => session.signIn(tokens),
  });
  return (
    <form
      aria-labelledby="register-heading"
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        register.mutate({
          name: formText(form, "name"),
          email: formText(form, "email"),
          password: formText(form, "password"),
        });
      }}
    >
      <h2 id="register-heading">Create an account</h2>
      <Field label="Name">
        <input name="name" autoComplete="name" required maxLength={100} />
      </Field>
      <Field label="Email">
        <input name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password">
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </Field>
      <FormError error={register.error} />
      <button type="submit" disabled={register.isPending}>
        Create account
      </button>
    </form>
  );
}
