import { createContext, use } from "react";
import type { RouterOutputs } from "@transmute/api";
import type { Role, Workspace } from "../trpc";

/** The workspace of the page: the one in its address, which the session has switched to. */
export const WorkspaceContext = createContext<Workspace | null>(null);

/** workspace.current as a person gets it; the null role is an API key's, never the app's. */
export const personsWorkspace = (
  current: RouterOutputs["workspace"]["current"] | undefined,
): Workspace | undefined => (current?.role ? { ...current, role: current.role } : undefined);

export function useWorkspace(): Workspace {
  const workspace = use(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace needs a workspace route");
  return workspace;
}

const ranks: Record<Role, number> = { owner: 0, admin: 1, editor: 2, viewer: 3 };

/** The API's role order: owner > admin > editor > viewer. */
export const atLeast = (role: Role, minimum: Role) => ranks[role] <= ranks[minimum];

/** What the server lets each role do; the server still checks every call. */
export function permissions(role: Role) {
  return {
    write: atLeast(role, "editor"),
    admin: atLeast(role, "admin"),
    owner: role === "owner",
  };
}
