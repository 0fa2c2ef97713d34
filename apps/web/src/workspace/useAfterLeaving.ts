import { useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";
import { useToast } from "../components/Toasts";

/**
 * After leaving or deleting the current workspace: forget everything cached about it, then go to
 * "/", which opens the next workspace the user still has (or asks them to create one).
 */
export function useAfterLeaving() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  return async (message: string) => {
    await queryClient.resetQueries();
    toast({ message });
    navigate("~/", { replace: true });
  };
}
