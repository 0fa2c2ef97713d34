import { useCallback, useEffect, useRef } from "react";
import { addNavigationGuard } from "./navigationGuard";

/**
 * Asks before leaving while `active`. Returns a function that lifts the guard at once, for the
 * navigation that follows a save (the re-render that would lift it comes too late).
 */
export function useNavigationGuard(active: boolean, message: string): () => void {
  const remove = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!active) return;
    remove.current = addNavigationGuard(message);
    return () => {
      remove.current?.();
      remove.current = null;
    };
  }, [active, message]);
  return useCallback(() => {
    remove.current?.();
    remove.current = null;
  }, []);
}
