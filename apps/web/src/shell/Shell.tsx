import { Suspense, useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { Skeleton } from "../components/Skeleton";
import { ShortcutHelp } from "../shortcuts/ShortcutHelp";
import { ThemeToggle } from "../theme/ThemeToggle";
import { trpc } from "../trpc";
import { permissions, personsWorkspace } from "../workspace/WorkspaceContext";
import { GlobalShortcuts } from "./GlobalShortcuts";
import { UserMenu } from "./UserMenu";
import { WorkspaceMenu } from "./WorkspaceMenu";

/** The frame of every signed-in page: header, the workspace's navigation, and the page. */
export function Shell({ children }: { children: ReactNode }) {
  const current = trpc.workspace.current.useQuery();
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const workspace = personsWorkspace(current.data);
  const can = workspace ? permissions(workspace.role) : null;
  const base = workspace ? `/w/${workspace.id}` : null;
  const links = base
    ? [
        { href: `${base}/documents`, label: "Documents", show: true },
        { href: `${base}/activity`, label: "Activity", show: true },
        { href: `${base}/members`, label: "Members", show: true },
        { href: `${base}/settings`, label: "Settings", show: true },
        { href: `${base}/audit`, label: "Audit log", show: can?.admin ?? false },
      ].filter((link) => link.show)
    : [];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          Transmute
        </Link>
        {workspace && <WorkspaceMenu current={workspace} />}
        <button
          type="button"
          className="quiet menu-button"
          aria-expanded={menuOpen}
          aria-controls="workspace-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav
          id="workspace-nav"
          aria-label="Workspace"
          className={menuOpen ? "main-nav open" : "main-nav"}
          onClick={() => setMenuOpen(false)}
        >
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={location.startsWith(link.href) ? "page" : undefined}
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-actions">
          <button
            type="button"
            className="quiet"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={() => setHelpOpen(true)}
          >
            ?
          </button>
          <ThemeToggle />
          <UserMenu />
        </div>
      </header>
      <main id="main" className="page">
        <Suspense fallback={<Skeleton label="Loading the page…" lines={6} />}>{children}</Suspense>
      </main>
      <GlobalShortcuts
        workspaceBase={base}
        canWrite={can?.write ?? false}
        isAdmin={can?.admin ?? false}
        onHelp={() => setHelpOpen(true)}
      />
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
