import { Link, useSearch } from "wouter";
import { AuthLayout } from "./AuthLayout";
import { LoginForm } from "./LoginForm";

// Why a page sent the visitor here, when it was not their own choice.
const notices: Record<string, string> = {
  "workspace-deleted":
    "The workspace was deleted, and the sign-ins that were in it ended with it. Sign in again to go on in your other workspaces.",
};

export function SignInPage() {
  const search = useSearch();
  const notice = notices[new URLSearchParams(search).get("notice") ?? ""];
  return (
    <AuthLayout title="Sign in">
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <LoginForm />
      <p>
        New here? <Link href={`/signup${search ? `?${search}` : ""}`}>Create an account</Link>
      </p>
    </AuthLayout>
  );
}
