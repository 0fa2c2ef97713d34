import { createElement, lazy, type ComponentType } from "react";

/**
 * A page in a chunk of its own, loaded on first render. `preload` starts the download early,
 * e.g. while the session is being restored. A page whose chunk is already there renders at once
 * rather than through React.lazy, which would suspend for a moment anyway, and React holds a
 * shown fallback for a few hundred milliseconds before revealing what replaces it.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= load().then((component) => {
      loaded = component;
      return { default: component };
    }));
  const Lazy = lazy(preload);
  function Page(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy, props);
  }
  return Object.assign(Page, { preload });
}
