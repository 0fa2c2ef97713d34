import { useLocation } from "wouter";
import { useShortcut } from "../shortcuts/ShortcutContext";

interface GlobalShortcutsProps {
  /** "/w/<id>", or null while the workspace is unknown. */
  workspaceBase: string | null;
  canWrite: boolean;
  isAdmin: boolean;
  onHelp: () => void;
}

/** The shortcuts that work on every signed-in page. */
export function GlobalShortcuts({
  workspaceBase,
  canWrite,
  isAdmin,
  onHelp,
}: GlobalShortcutsProps) {
  const [, navigate] = useLocation();
  const inWorkspace = workspaceBase !== null;
  const go = (path: string) => () => navigate(`${workspaceBase}${path}`);
  useShortcut("?", "Show the keyboard shortcuts", onHelp, { group: "Anywhere" });
  useShortcut("n", "New document", go("/documents/new"), {
    group: "Anywhere",
    enabled: inWorkspace && canWrite,
  });
  useShortcut("g d", "Documents", go("/documents"), { group: "Go to", enabled: inWorkspace });
  useShortcut("g a", "Activity", go("/activity"), { group: "Go to", enabled: inWorkspace });
  useShortcut("g m", "Members and invitations", go("/members"), {
    group: "Go to",
    enabled: inWorkspace,
  });
  useShortcut("g s", "Workspace settings", go("/settings"), {
    group: "Go to",
    enabled: inWorkspace,
  });
  useShortcut("g l", "Audit log", go("/audit"), {
    group: "Go to",
    enabled: inWorkspace && isAdmin,
  });
  useShortcut("g p", "Your account: sessions and password", () => navigate("/account"), {
    group: "Go to",
  });
  return null;
}
