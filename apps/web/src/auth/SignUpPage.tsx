import { Link, useSearch } from "wouter";
import { AuthLayout } from "./AuthLayout";
import { RegisterForm } from "./RegisterForm";

export function SignUpPage() {
  const search = useSearch();
  const email = new URLSearchParams(search).get("email") ?? undefined;
  return (
    <AuthLayout title="Create an account">
      <RegisterForm email={email} />
      <p>
        Already registered?{" "}
        <Link href={`/signin${search ? `?${search}` : ""}`}>Sign in instead</Link>
      </p>
    </AuthLayout>
  );
}
