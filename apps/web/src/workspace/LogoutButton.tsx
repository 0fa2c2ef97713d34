import { useState } from "react";
import { useSession } from "../auth/SessionContext";

export function LogoutButton() {
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  return (
    <button
      type="button"
      disabled={leaving}
      onClick={() => {
        setLeaving(true);
        void session.logout();
      }}
    >
      Sign out
    </button>
  );
}
