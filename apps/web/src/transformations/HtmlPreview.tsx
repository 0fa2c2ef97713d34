import { useEffect, useRef } from "react";
import { readingStyle } from "../theme/readingStyle";

// The server sanitizes HTML results; this page adds a second wall. The policy lets the result
// show its own inline styles and images and nothing else (no scripts, frames, fonts or fetches).
const policy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:";

const page = (html: string, dark: boolean) =>
  `<!doctype html><html><head><meta charset="utf-8">` +
  `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
  `<style>${readingStyle(dark)}</style>` +
  `</head><body>${html}</body></html>`;

const prefersDark = () => {
  const theme = document.documentElement.dataset.theme;
  return theme ? theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
};

/**
 * Renders HTML in a frame with every sandbox restriction on (`sandbox=""`): no scripts, no
 * forms, no navigation of this page, and an opaque origin that cannot reach the app's storage.
 *
 * `fitContent` (for reading a whole document) grows the frame to its content instead of
 * scrolling inside it. That needs the frame's own origin so its height can be read; with
 * scripts still forbidden, nothing inside can use that origin.
 */
export function HtmlPreview({
  html,
  title,
  fitContent = false,
}: {
  html: string;
  title: string;
  fitContent?: boolean;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const element = frame.current;
    if (!fitContent || !element) return;
    let observer: ResizeObserver | undefined;
    const fit = () => {
      const body = element.contentDocument?.body;
      if (!body) return;
      const resize = () => (element.style.height = `${body.scrollHeight + 24}px`);
      resize();
      observer?.disconnect();
      observer = new ResizeObserver(resize);
      observer.observe(body);
    };
    element.addEventListener("load", fit);
    fit();
    return () => {
      element.removeEventListener("load", fit);
      observer?.disconnect();
    };
  }, [fitContent, html]);
  return (
    <iframe
      ref={frame}
      className={fitContent ? "html-preview fit" : "html-preview"}
      title={title}
      sandbox={fitContent ? "allow-same-origin" : ""}
      referrerPolicy="no-referrer"
      srcDoc={page(html, prefersDark())}
    />
  );
}
