import { Link } from "wouter";
import { trpc, type Workspace } from "../trpc";
import { Disclosure } from "./Disclosure";

/** The current workspace, and the others to switch to: switching is following a link. */
export function WorkspaceMenu({ current }: { current: Workspace }) {
  const mine = trpc.workspace.mine.useQuery();
  return (
    <Disclosure
      className="workspace-menu"
      label={`Workspace: ${current.name} ${current.role}`}
      summary={
        <>
          <span className="workspace-name">{current.name}</span>{" "}
          <span className="role">{current.role}</span>
        </>
      }
    >
      {(close) => (
        <nav aria-label="Your workspaces">
          <ul>
            {mine.isPending && <li className="hint">Loading your workspaces…</li>}
            {mine.data?.map((workspace) => (
              <li key={workspace.id}>
                <Link
                  href={`/w/${workspace.id}/documents`}
                  aria-current={workspace.id === current.id ? "true" : undefined}
                  onClick={close}
                >
                  {workspace.name} <span className="role">{workspace.role}</span>
                </Link>
              </li>
            ))}
            <li>
              <Link href="/workspaces/new" onClick={close}>
                Create a workspace…
              </Link>
            </li>
          </ul>
        </nav>
      )}
    </Disclosure>
  );
}
