import { createContext, use, useEffect, useRef, type ReactNode } from "react";
import { createKeymap } from "./keymap";
import type { ShortcutRegistry, Shortcut } from "./registry";

const RegistryContext = createContext<ShortcutRegistry | null>(null);

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      !["checkbox", "radio", "button", "submit", "reset", "file"].includes(target.type)));

/** Listens for key presses once, for every shortcut registered below it. */
export function ShortcutProvider({
  registry,
  children,
}: {
  registry: ShortcutRegistry;
  children: ReactNode;
}) {
  useEffect(() => {
    const keymap = createKeymap<Shortcut>({ isMac });
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      // A modal dialog (the help, a confirmation) owns the keyboard while it is open.
      if (document.querySelector("dialog[open]")) return;
      const shortcut = keymap.press(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          typing: typingIn(event.target),
        },
        registry.all(),
      );
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [registry]);
  return <RegistryContext value={registry}>{children}</RegistryContext>;
}

export function useShortcutRegistry(): ShortcutRegistry {
  const registry = use(RegistryContext);
  if (!registry) throw new Error("shortcuts need a ShortcutProvider");
  return registry;
}

/** Registers a shortcut while the component is mounted; `run` may change on every render. */
export function useShortcut(
  keys: string,
  description: string,
  run: () => void,
  options: { group?: Shortcut["group"]; whileTyping?: boolean; enabled?: boolean } = {},
) {
  const registry = useShortcutRegistry();
  const latest = useRef(run);
  latest.current = run;
  const { group = "This page", whileTyping = false, enabled = true } = options;
  useEffect(() => {
    if (!enabled) return;
    return registry.add({ keys, description, group, whileTyping, run: () => latest.current() });
  }, [registry, keys, description, group, whileTyping, enabled]);
}
