import { Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { nextTheme, saveTheme, storedTheme, type ThemeChoice } from "./theme";

const labels: Record<ThemeChoice, string> = {
  system: "System",
  light: "Light",
  dark: "Dark",
};
const icons = { system: Monitor, light: Sun, dark: Moon };

/** Cycles system → light → dark; the choice is kept in this browser. */
export function ThemeToggle() {
  const [choice, setChoice] = useState(storedTheme);
  const next = nextTheme(choice);
  const Icon = icons[choice];
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
      <Icon size={16} aria-hidden />
    </button>
  );
}
