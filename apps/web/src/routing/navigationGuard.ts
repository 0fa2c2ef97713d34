import type { AroundNavHandler } from "wouter";

/**
 * Leaving a page with unsaved changes asks first: links and in-app navigation (through the
 * router's aroundNav), the back and forward buttons (popstate), and reloading or closing the tab
 * (beforeunload, where the browser shows its own question).
 */
const messages = new Set<{ message: string }>();

/** The address the app is showing, to return to when a back or forward is refused. */
let shownUrl = location.href;

export function addNavigationGuard(message: string): () => void {
  const entry = { message };
  messages.add(entry);
  return () => void messages.delete(entry);
}

/** True when nothing unsaved is in the way, or the user agreed to lose it. */
export function confirmLeaving(): boolean {
  const last = [...messages].at(-1);
  return !last || window.confirm(last.message);
}

export const guardedNavigation: AroundNavHandler = (navigate, to, options) => {
  if (confirmLeaving()) navigate(to, options);
};

export function installNavigationGuard() {
  for (const event of ["pushState", "replaceState"]) {
    addEventListener(event, () => (shownUrl = location.href));
  }
  // In the capture phase, before the router's own listener: popstate cannot be cancelled, so a
  // refused one is hidden from the router and undone by putting the page's address back.
  addEventListener(
    "popstate",
    (event) => {
      if (confirmLeaving()) {
        shownUrl = location.href;
        return;
      }
      event.stopImmediatePropagation();
      history.pushState(history.state, "", shownUrl);
    },
    { capture: true },
  );
  addEventListener("beforeunload", (event) => {
    if (messages.size > 0) event.preventDefault();
  });
}
