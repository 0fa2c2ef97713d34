import { MainScreen } from "../workspace/MainScreen";
import { AuthScreen } from "./AuthScreen";
import { ServerUnreachable } from "./ServerUnreachable";
import { useSessionStatus } from "./SessionContext";

export function SessionGate() {
  switch (useSessionStatus()) {
    case "restoring":
      return (
        <p role="status" className="centered">
          Signing you in…
        </p>
      );
    case "unreachable":
      return <ServerUnreachable />;
    case "signedOut":
      return <AuthScreen />;
    case "signedIn":
      return <MainScreen />;
  }
}
