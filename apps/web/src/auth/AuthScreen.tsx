import { useState } from "react";
import { LoginForm } from "./LoginForm";
import { RegisterForm } from "./RegisterForm";

export function AuthScreen() {
  const [mode, setMode] = useState<"login" | "register">("login");
  return (
    <main className="auth-screen">
      <h1>Transmute</h1>
      {mode === "login" ? (
        <>
          <LoginForm />
          <p>
            New here?{" "}
            <button type="button" className="link" onClick={() => setMode("register")}>
              Create an account
            </button>
          </p>
        </>
      ) : (
        <>
          <RegisterForm />
          <p>
            Already registered?{" "}
            <button type="button" className="link" onClick={() => setMode("login")}>
              Sign in instead
            </button>
          </p>
        </>
      )}
    </main>
  );
}
