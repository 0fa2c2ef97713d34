import { useState } from "react";
import { useLocation } from "wouter";
import { useSession } from "../auth/SessionContext";
import { usePendingDeletes } from "../documents/PendingDeletes";

export function LogoutButton() {
  const session = useSession();
  const deletes = usePendingDeletes();
  const [, navigate] = useLocation();
  const [leaving, setLeaving] = useState(false);
  return (
    <button
      type="button"
      disabled={leaving}
      onClick={() => {
        setLeaving(true);
        // Straight to the sign-in page, not back here after the next sign-in: that may be
        // someone else, for whom this page is another workspace's.
        void deletes
          .flush()
          .then(() => session.logout())
          .then(() => navigate("~/signin", { replace: true }));
      }}
    >
      Sign out
    </button>
  );
}
