import { createContext, useContext, useSyncExternalStore } from "react";
import type { Session } from "./session";

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a SessionContext provider");
  return session;
}

export function useSessionStatus() {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, session.getStatus);
}
