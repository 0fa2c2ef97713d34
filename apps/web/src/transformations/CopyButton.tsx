import { useState } from "react";

type Outcome = { copied: true } | { copied: false; message: string } | null;

export function CopyButton({ text }: { text: string }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const copy = async () => {
    try {
      // Absent outside secure contexts (plain HTTP on a local network).
      if (!navigator.clipboard) throw new Error("unavailable");
      await navigator.clipboard.writeText(text);
      setOutcome({ copied: true });
    } catch {
      setOutcome({
        copied: false,
        message: "Copying is not allowed here; select the text and copy it yourself.",
      });
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>
      <span role="status" className={outcome?.copied === false ? "form-error" : "hint"}>
        {outcome && (outcome.copied ? "Copied" : outcome.message)}
      </span>
    </>
  );
}
