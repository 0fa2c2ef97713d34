import { FormError } from "../components/FormError";
import { trpc } from "../trpc";
import { LogoutButton } from "./LogoutButton";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

export function AppHeader() {
  const current = trpc.workspace.current.useQuery();
  return (
    <header className="app-header">
      <span className="brand">Transmute</span>
      {current.data && (
        <div className="current-workspace">
          <h1>{current.data.name}</h1>
          <span className="role">
            Role: <strong>{current.data.role}</strong>
          </span>
        </div>
      )}
      <FormError error={current.error} />
      <div className="header-actions">
        {current.data && <WorkspaceSwitcher currentId={current.data.id} />}
        <LogoutButton />
      </div>
    </header>
  );
}
