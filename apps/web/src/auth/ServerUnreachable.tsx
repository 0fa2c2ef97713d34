import { useSession } from "./SessionContext";

export function ServerUnreachable() {
  const session = useSession();
  return (
    <div role="alert" className="centered">
      <p>The server cannot be reached right now.</p>
      <button type="button" onClick={() => void session.restore()}>
        Try again
      </button>
    </div>
  );
}
