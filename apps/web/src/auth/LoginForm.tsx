import { useRef } from "react";
import { useSearch } from "wouter";
import { Field } from "../components/Field";
import { FormError } from "../components/FormError";
import { useFocusFirstInvalid } from "../components/useFocusFirstInvalid";
import { formErrors } from "../errors";
import { formText } from "../formText";
import { DOCUMENTS_PAGE_SIZE } from "../documents/listInput";
import { preloadPagesFor } from "../routing/pages";
import { safeNext } from "../routing/safeNext";
import { trpc } from "../trpc";
import { useSession } from "./SessionContext";

export function LoginForm() {
  const session = useSession();
  const form = useRef<HTMLFormElement>(null);
  const utils = trpc.useUtils();
  const search = useSearch();
  // Signed in, the sign-in route sends the visitor on to where they were going. What that page
  // needs starts at once, together: its code and, for the documents list, its data, instead of
  // each step waiting for the one before (code → account → workspace → page code → list).
  const login = trpc.auth.login.useMutation({
    onSuccess: ({ tokens }) => {
      session.signIn(tokens);
      const next = safeNext(search) ?? "/";
      preloadPagesFor(next);
      void utils.workspace.current.prefetch();
      void utils.auth.me.prefetch();
      if (next === "/") {
        void utils.transformation.kinds.prefetch();
        void utils.document.list.prefetchInfinite({ limit: DOCUMENTS_PAGE_SIZE });
      }
    },
  });
  const errors = formErrors(login.error, ["email", "password"]);
  useFocusFirstInvalid(form, login.error);
  return (
    <form
      ref={form}
      aria-label="Sign in"
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        login.mutate({
          email: formText(event.currentTarget, "email"),
          password: formText(event.currentTarget, "password"),
        });
      }}
    >
      <Field label="Email" error={errors.field("email")}>
        <input name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Field label="Password" error={errors.field("password")}>
        <input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <FormError message={errors.form} />
      <button type="submit" disabled={login.isPending}>
        {login.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
