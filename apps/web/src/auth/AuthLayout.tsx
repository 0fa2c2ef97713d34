import type { ReactNode } from "react";
import { PageHeading } from "../components/PageHeading";
import { ThemeToggle } from "../theme/ThemeToggle";

/** The frame of the pages for visitors: sign in, sign up, an invitation. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-layout">
      <header className="auth-header">
        <span className="brand">Transmute</span>
        <ThemeToggle />
      </header>
      <main id="main" className="auth-screen">
        <PageHeading title={title}>{title}</PageHeading>
        {children}
      </main>
    </div>
  );
}
