import { useState } from "react";
import { nextTheme, saveTheme, storedTheme, type ThemeChoice } from "./theme";

const labels: Record<ThemeChoice, string> = {
  system: "System",
  light: "Light",
  dark: "Dark",
};

/** Cycles system → light → dark; the choice is kept in this browser. */
export function ThemeToggle() {
  const [choice, setChoice] = useState(storedTheme);
  const next = nextTheme(choice);
  return (
    <button
      type="button"
      className="quiet icon-button"
      aria-label={`Theme: ${labels[choice]}. Switch to ${labels[next]}`}
      title={`Switch to the ${labels[next].toLowerCase()} theme`}
      onClick={() => {
        saveTheme(next);
        setChoice(next);
      }}
    >
      <span aria-hidden="true">{choice === "dark" ? "☾" : choice === "light" ? "☀" : "◐"}</span>
    </button>
  );
}
