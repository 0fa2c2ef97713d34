// The server sanitizes HTML results; this page adds a second wall. The policy lets the result
// show its own inline styles and images and nothing else (no scripts, frames, fonts or fetches).
const policy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:";

const page = (html: string) =>
  `<!doctype html><html><head><meta charset="utf-8">` +
  `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
  `<style>body{font:16px/1.5 system-ui,sans-serif;margin:0.75rem;overflow-wrap:anywhere}</style>` +
  `</head><body>${html}</body></html>`;

/**
 * Renders HTML in a frame with every sandbox restriction on (`sandbox=""`): no scripts, no
 * forms, no navigation of this page, and an opaque origin that cannot reach the app's storage.
 */
export function HtmlPreview({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      className="html-preview"
      title={title}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={page(html)}
    />
  );
}
