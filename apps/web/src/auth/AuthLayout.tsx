import type { ReactNode } from "react";
import { Link } from "wouter";
import { Logo } from "../components/Logo";
import { PageHeading } from "../components/PageHeading";
import { ThemeToggle } from "../theme/ThemeToggle";

/** The frame of the pages for visitors: sign in, sign up, an invitation. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-layout">
      <header className="auth-header">
        <Link href="/" className="brand" aria-label="Transmute: home">
          <Logo />
        </Link>
        <ThemeToggle />
      </header>
      <main id="main" className="auth-screen">
        <PageHeading title={title}>{title}</PageHeading>
        {children}
      </main>
    </div>
  );
}
