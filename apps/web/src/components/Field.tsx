import type { ReactNode } from "react";

/** A labelled control: the wrapping label names the input for assistive technology. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}
