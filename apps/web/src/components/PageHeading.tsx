import { useEffect, useRef, type ReactNode } from "react";

let firstPage = true;

/**
 * A page's h1, which also names the browser tab. After a navigation it takes the focus, so
 * keyboard and screen-reader users start at the new page's top instead of a link that is gone;
 * the first page of a visit leaves the focus alone.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Transmute`;
  }, [title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
