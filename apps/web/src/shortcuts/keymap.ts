/**
 * Keyboard shortcuts as key sequences: "g d" is g then d, "mod+s" is Ctrl+S (⌘S on a Mac),
 * "?" is whatever produces a question mark. Pure: it is fed key presses and says which binding,
 * if any, they complete.
 */

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Focus is in a text field, where plain keys are typing, not commands. */
  typing: boolean;
}

export interface Binding {
  keys: string;
  /** Also while typing; for chords with a modifier, such as mod+s. */
  whileTyping?: boolean;
}

export interface KeymapOptions {
  isMac: boolean;
  /** Longest pause within a sequence. */
  sequenceTimeoutMs?: number;
  now?: () => number;
}

/** One press as a token: modifiers in a fixed order, then the key ("ctrl+s", "?", "g"). */
export function pressToken(press: KeyPress, isMac: boolean): string {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const parts = [
    mod ? "mod" : null,
    !isMac && press.metaKey ? "meta" : null,
    isMac && press.ctrlKey ? "ctrl" : null,
    press.altKey ? "alt" : null,
    key,
  ];
  return parts.filter(Boolean).join("+");
}

/** "g d" → ["g", "d"]; a single space key is written "space". */
export const sequenceOf = (keys: string) =>
  keys
    .trim()
    .split(/\s+/)
    .map((token) => (token === "space" ? " " : token));

const startsWith = (whole: string[], prefix: string[]) =>
  prefix.length <= whole.length && prefix.every((token, index) => whole[index] === token);

export interface Keymap<B extends Binding> {
  /** The binding these presses complete, or null; a press that may begin one is remembered. */
  press(press: KeyPress, bindings: readonly B[]): B | null;
}

export function createKeymap<B extends Binding>(options: KeymapOptions): Keymap<B> {
  const { isMac, sequenceTimeoutMs = 1_000, now = Date.now } = options;
  let pending: string[] = [];
  let lastPressAt = -Infinity;

  const resolve = (tokens: string[], bindings: readonly B[]) => {
    const candidates = bindings.filter((binding) => startsWith(sequenceOf(binding.keys), tokens));
    const exact = candidates.find((binding) => sequenceOf(binding.keys).length === tokens.length);
    return { exact, longer: candidates.some((b) => sequenceOf(b.keys).length > tokens.length) };
  };

  return {
    press(press, bindings) {
      if (["Shift", "Control", "Alt", "Meta"].includes(press.key)) return null;
      const at = now();
      if (at - lastPressAt > sequenceTimeoutMs) pending = [];
      lastPressAt = at;
      const usable = press.typing ? bindings.filter((binding) => binding.whileTyping) : bindings;
      const token = pressToken(press, isMac);
      // Continue the sequence under way, else start afresh from this press.
      for (const tokens of pending.length > 0 ? [[...pending, token], [token]] : [[token]]) {
        const { exact, longer } = resolve(tokens, usable);
        if (exact) {
          pending = [];
          return exact;
        }
        if (longer) {
          pending = tokens;
          return null;
        }
      }
      pending = [];
      return null;
    },
  };
}

/** How a sequence is shown in the help: "g d" → ["g", "d"], "mod+s" → ["Ctrl", "S"] or ["⌘", "S"]. */
export function displayKeys(keys: string, isMac: boolean): string[][] {
  const names: Record<string, string> = {
    mod: isMac ? "⌘" : "Ctrl",
    ctrl: "Ctrl",
    alt: isMac ? "⌥" : "Alt",
    meta: "Meta",
    Enter: "Enter",
    Escape: "Esc",
    " ": "Space",
  };
  return sequenceOf(keys).map((token) =>
    token
      .split(/\+(?!$)/)
      .map((part) => names[part] ?? (part.length === 1 ? part.toUpperCase() : part)),
  );
}
