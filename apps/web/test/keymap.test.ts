import { describe, expect, it } from "vitest";
import {
  createKeymap,
  displayKeys,
  pressToken,
  type Binding,
  type KeyPress,
} from "../src/shortcuts/keymap";

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  ...extra,
});

const bindings: Binding[] = [
  { keys: "?" },
  { keys: "g d" },
  { keys: "g a" },
  { keys: "n" },
  { keys: "mod+s", whileTyping: true },
];

function setup(isMac = false) {
  let now = 0;
  const keymap = createKeymap<Binding>({ isMac, now: () => now });
  return {
    press: (key: string, extra?: Partial<KeyPress>) =>
      keymap.press(press(key, extra), bindings)?.keys ?? null,
    wait: (ms: number) => (now += ms),
  };
}

describe("keyboard shortcuts", () => {
  it("runs a sequence on its last key, and a single key at once", () => {
    const keys = setup();
    expect(keys.press("g")).toBeNull();
    expect(keys.press("d")).toBe("g d");
    expect(keys.press("n")).toBe("n");
    expect(keys.press("?", { key: "?" })).toBe("?");
  });

  it("forgets a started sequence after a pause, or when the next key does not continue it", () => {
    const keys = setup();
    keys.press("g");
    keys.wait(1_500);
    expect(keys.press("d")).toBeNull();
    keys.press("g");
    // Not a continuation: starts afresh, and n is a shortcut of its own.
    expect(keys.press("n")).toBe("n");
    expect(keys.press("d")).toBeNull();
  });

  it("leaves plain keys to text fields, but not chords meant for them", () => {
    const keys = setup();
    expect(keys.press("n", { typing: true })).toBeNull();
    expect(keys.press("g", { typing: true })).toBeNull();
    expect(keys.press("d")).toBeNull();
    expect(keys.press("s", { ctrlKey: true, typing: true })).toBe("mod+s");
  });

  it("reads mod as ⌘ on a Mac and Ctrl elsewhere, and ignores modifier keys pressed alone", () => {
    const mac = setup(true);
    expect(mac.press("s", { metaKey: true })).toBe("mod+s");
    expect(mac.press("s", { ctrlKey: true })).toBeNull();
    const pc = setup(false);
    expect(pc.press("Control", { ctrlKey: true })).toBeNull();
    expect(pc.press("s", { ctrlKey: true })).toBe("mod+s");
    expect(pc.press("s", { metaKey: true })).toBeNull();
    expect(pressToken(press("S", { ctrlKey: true, altKey: true }), false)).toBe("mod+alt+s");
  });

  it("shows keys as they are printed on the keyboard", () => {
    expect(displayKeys("g d", false)).toEqual([["G"], ["D"]]);
    expect(displayKeys("mod+s", false)).toEqual([["Ctrl", "S"]]);
    expect(displayKeys("mod+s", true)).toEqual([["⌘", "S"]]);
    expect(displayKeys("?", false)).toEqual([["?"]]);
  });
});
