import { lazy, type ComponentType } from "react";

/**
 * A page in a chunk of its own, loaded on first render. `preload` starts the download early,
 * e.g. while the session is still being restored.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => (loading ??= load().then((component) => ({ default: component })));
  return Object.assign(lazy(preload), { preload });
}
