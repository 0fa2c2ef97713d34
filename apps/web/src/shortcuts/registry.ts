import type { Binding } from "./keymap";

export interface Shortcut extends Binding {
  /** What it does, for the help overlay. */
  description: string;
  group: "Anywhere" | "Go to" | "This page";
  run: () => void;
}

/** The shortcuts in force: the shell's and the current page's, each added while it is mounted. */
export class ShortcutRegistry {
  private readonly entries = new Map<number, Shortcut>();
  private readonly listeners = new Set<() => void>();
  private nextId = 0;
  private snapshot: Shortcut[] = [];

  add(shortcut: Shortcut): () => void {
    const id = this.nextId++;
    this.entries.set(id, shortcut);
    this.changed();
    return () => {
      this.entries.delete(id);
      this.changed();
    };
  }

  /** Later registrations win: a page's binding shadows the shell's for the same keys. */
  readonly all = (): Shortcut[] => this.snapshot;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  private changed() {
    this.snapshot = [...this.entries.values()].reverse();
    for (const listener of this.listeners) listener();
  }
}
