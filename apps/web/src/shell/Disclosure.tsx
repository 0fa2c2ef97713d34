import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A menu that opens below its button (a native <details>), closing when something in it is
 * chosen, when the focus or a click goes elsewhere, or on Escape.
 */
export function Disclosure({
  summary,
  label,
  className,
  children,
}: {
  summary: ReactNode;
  label: string;
  className?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!details.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      details.current?.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("focusin", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);
  return (
    <details
      ref={details}
      className={`disclosure ${className ?? ""}`}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary aria-label={label}>{summary}</summary>
      <div className="disclosure-panel">{children(() => setOpen(false))}</div>
    </details>
  );
}
