/** "system" follows the operating system's light or dark setting (prefers-color-scheme). */
export type ThemeChoice = "system" | "light" | "dark";

export const themeChoices: readonly ThemeChoice[] = ["system", "light", "dark"];

const KEY = "transmute.theme";

const isChoice = (value: unknown): value is ThemeChoice =>
  themeChoices.includes(value as ThemeChoice);

export function storedTheme(storage: Pick<Storage, "getItem"> = localStorage): ThemeChoice {
  const value = storage.getItem(KEY);
  return isChoice(value) ? value : "system";
}

/** The stylesheet reads `data-theme`; without it, `color-scheme: light dark` lets the OS decide. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement) {
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
}

export function saveTheme(choice: ThemeChoice) {
  if (choice === "system") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  applyTheme(choice);
}

export const nextTheme = (choice: ThemeChoice): ThemeChoice =>
  themeChoices[(themeChoices.indexOf(choice) + 1) % themeChoices.length]!;
