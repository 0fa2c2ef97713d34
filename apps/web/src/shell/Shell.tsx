import {
  Activity,
  FileText,
  Keyboard,
  Menu,
  ScrollText,
  Search,
  Settings,
  Users,
  X,
  type LucideIcon,
} from "lucide-react";
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { Logo } from "../components/Logo";
import { Skeleton } from "../components/Skeleton";
import { isMac, useShortcut } from "../shortcuts/ShortcutContext";
import { ShortcutHelp } from "../shortcuts/ShortcutHelp";
import { ThemeToggle } from "../theme/ThemeToggle";
import { trpc } from "../trpc";
import { permissions, personsWorkspace } from "../workspace/WorkspaceContext";
import { GlobalShortcuts } from "./GlobalShortcuts";
import { UserMenu } from "./UserMenu";
import { WorkspaceMenu } from "./WorkspaceMenu";

// cmdk and its dialog download the first time the palette opens, not with every page.
const CommandPalette = lazy(() =>
  import("./CommandPalette").then((module) => ({ default: module.CommandPalette })),
);

interface Section {
  href: string;
  label: string;
  icon: LucideIcon;
}

/**
 * The frame of every signed-in page: a sidebar (the workspace, its sections, search, account)
 * beside the page. On a phone the sidebar folds behind a Menu button and closes again on
 * Escape, a tap outside it, or after following a link.
 */
export function Shell({ children }: { children: ReactNode }) {
  const current = trpc.workspace.current.useQuery();
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const sidebar = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const workspace = personsWorkspace(current.data);
  const can = workspace ? permissions(workspace.role) : null;
  const base = workspace ? `/w/${workspace.id}` : null;
  const sections: Section[] = base
    ? [
        { href: `${base}/documents`, label: "Documents", icon: FileText },
        { href: `${base}/activity`, label: "Activity", icon: Activity },
        { href: `${base}/members`, label: "Members", icon: Users },
        { href: `${base}/settings`, label: "Settings", icon: Settings },
        ...(can?.admin ? [{ href: `${base}/audit`, label: "Audit log", icon: ScrollText }] : []),
      ]
    : [];

  useEffect(() => setMenuOpen(false), [location]);
  useEffect(() => {
    if (!menuOpen) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!sidebar.current?.contains(target) && !menuButton.current?.contains(target)) {
        setMenuOpen(false);
      }
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [menuOpen]);
  useShortcut("mod+k", "Search, go to, or run anything", () => setPaletteOpen(true), {
    group: "Anywhere",
    whileTyping: true,
  });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="mobile-bar">
        <button
          ref={menuButton}
          type="button"
          className="quiet icon-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          aria-label="Menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {menuOpen ? <X size={18} aria-hidden /> : <Menu size={18} aria-hidden />}
        </button>
        <Link href="/" className="brand" aria-label="Transmute: home">
          <Logo />
        </Link>
        <button
          type="button"
          className="quiet icon-button"
          aria-label="Search"
          onClick={() => setPaletteOpen(true)}
        >
          <Search size={18} aria-hidden />
        </button>
      </header>
      <aside
        ref={sidebar}
        id="sidebar"
        className={menuOpen ? "sidebar open" : "sidebar"}
        aria-label="Sidebar"
      >
        <Link href="/" className="brand sidebar-brand" aria-label="Transmute: home">
          <Logo />
        </Link>
        {workspace && <WorkspaceMenu current={workspace} />}
        <button type="button" className="search-trigger" onClick={() => setPaletteOpen(true)}>
          <Search size={15} aria-hidden />
          <span>Search or jump to…</span>
          <kbd aria-label={isMac ? "Command K" : "Control K"}>{isMac ? "⌘K" : "Ctrl K"}</kbd>
        </button>
        <nav id="workspace-nav" aria-label="Workspace" className="main-nav">
          <ul>
            {sections.map(({ href, label, icon: Icon }) => (
              <li key={href}>
                <Link href={href} aria-current={location.startsWith(href) ? "page" : undefined}>
                  <Icon size={16} aria-hidden />
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <UserMenu />
          <div className="sidebar-tools">
            <button
              type="button"
              className="quiet icon-button"
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
              onClick={() => setHelpOpen(true)}
            >
              <Keyboard size={16} aria-hidden />
            </button>
            <ThemeToggle />
          </div>
        </div>
      </aside>
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
      {paletteOpen && (
        <Suspense fallback={null}>
          <CommandPalette
            workspaceBase={base}
            canWrite={can?.write ?? false}
            isAdmin={can?.admin ?? false}
            onClose={() => setPaletteOpen(false)}
          />
        </Suspense>
      )}
    </div>
  );
}
