/** While nothing of the app can be shown yet (restoring the session, downloading a page). */
export function FullPageStatus({ label }: { label: string }) {
  return (
    <p role="status" className="centered">
      {label}
    </p>
  );
}
