import { Link, useSearch } from "wouter";
import { AuthLayout } from "./AuthLayout";
import { RegisterForm } from "./RegisterForm";

export function SignUpPage() {
  const search = useSearch();
  return (
    <AuthLayout title="Create an account">
      <RegisterForm />
      <p>
        Already registered?{" "}
        <Link href={`/signin${search ? `?${search}` : ""}`}>Sign in instead</Link>
      </p>
    </AuthLayout>
  );
}
