/** The mark (a T turning into something else) and the name; the mark alone is the favicon. */
export function Logo({ withName = true }: { withName?: boolean }) {
  return (
    <span className="logo">
      <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="var(--accent)" />
        <path
          d="M9 10h14M16 10v13"
          stroke="var(--on-accent)"
          strokeWidth="3.2"
          strokeLinecap="round"
        />
        <path
          d="M20 19l3 3-3 3"
          stroke="var(--on-accent)"
          strokeOpacity="0.75"
          strokeWidth="2.4"
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {withName && <span className="logo-name">Transmute</span>}
    </span>
  );
}
