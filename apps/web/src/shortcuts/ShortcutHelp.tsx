import { useEffect, useRef, useSyncExternalStore } from "react";
import { displayKeys } from "./keymap";
import type { Shortcut } from "./registry";
import { isMac, useShortcutRegistry } from "./ShortcutContext";

const groups: Shortcut["group"][] = ["Anywhere", "Go to", "This page"];

function Keys({ keys }: { keys: string }) {
  return (
    <span className="keys">
      {displayKeys(keys, isMac).map((chord, index) => (
        <span key={index}>
          {index > 0 && <span className="then"> then </span>}
          {chord.map((key, k) => (
            <kbd key={k}>{key}</kbd>
          ))}
        </span>
      ))}
    </span>
  );
}

/** The `?` overlay: every shortcut in force right now, so it is never out of date. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const registry = useShortcutRegistry();
  const shortcuts = useSyncExternalStore(registry.subscribe, registry.all);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  // The same keys listed twice (a page's binding shadowing the shell's) show once.
  const seen = new Set<string>();
  const shown = shortcuts.filter((shortcut) => !seen.has(shortcut.keys) && seen.add(shortcut.keys));
  return (
    <dialog
      ref={dialog}
      className="dialog shortcut-help"
      aria-labelledby="shortcut-help-title"
      onClose={onClose}
    >
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      {groups.map((group) => {
        const inGroup = shown.filter((shortcut) => shortcut.group === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {inGroup.map((shortcut) => (
                <div key={shortcut.keys} className="shortcut">
                  <dt>
                    <Keys keys={shortcut.keys} />
                  </dt>
                  <dd>{shortcut.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
