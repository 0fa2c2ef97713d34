import { Link, useSearch } from "wouter";
import { AuthLayout } from "./AuthLayout";
import { LoginForm } from "./LoginForm";

export function SignInPage() {
  const search = useSearch();
  return (
    <AuthLayout title="Sign in">
      <LoginForm />
      <p>
        New here? <Link href={`/signup${search ? `?${search}` : ""}`}>Create an account</Link>
      </p>
    </AuthLayout>
  );
}
