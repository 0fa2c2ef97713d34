/**
 * How rendered documents and HTML results read, inside their sandboxed frame (which sees none
 * of the app's styles): type scale, lists, tables with borders, code on a tinted ground, quotes
 * with a rule. The colours are the app's, for the theme the frame is drawn in.
 */
const palettes = {
  light: {
    ink: "#1c1d21",
    muted: "#5f6370",
    line: "#dcdde3",
    raised: "#f3f3f6",
    accent: "#4747c2",
    background: "#ffffff",
  },
  dark: {
    ink: "#e8e8ed",
    muted: "#a5a7b3",
    line: "#33343d",
    raised: "#23242b",
    accent: "#a9a9ff",
    background: "#18191d",
  },
};

export function readingStyle(dark: boolean): string {
  const c = dark ? palettes.dark : palettes.light;
  return `
:root{color-scheme:${dark ? "dark" : "light"}}
body{font:15px/1.65 "Inter Variable",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem 1.25rem;color:${c.ink};background:${c.background};overflow-wrap:anywhere}
body>:first-child{margin-top:0}
h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .5em;font-weight:650;letter-spacing:-.01em}
h1{font-size:1.75em}h2{font-size:1.35em;padding-bottom:.25em;border-bottom:1px solid ${c.line}}h3{font-size:1.1em}
p,ul,ol,table,pre,blockquote{margin:0 0 1em}
ul,ol{padding-left:1.5em}li{margin:.25em 0}li>ul,li>ol{margin:.25em 0}
a{color:${c.accent}}
img{max-width:100%;height:auto}
hr{border:0;border-top:1px solid ${c.line};margin:2em 0}
blockquote{margin-left:0;padding:.25em 1em;border-left:3px solid ${c.accent};color:${c.muted}}
code,kbd,samp{font:.9em ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;background:${c.raised};border-radius:4px;padding:.1em .35em}
pre{background:${c.raised};border:1px solid ${c.line};border-radius:6px;padding:.75em 1em;overflow:auto;white-space:pre-wrap}
pre code{background:none;padding:0;font-size:.875em}
table{border-collapse:collapse;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid ${c.line};padding:.4em .75em;text-align:left;vertical-align:top}
th{background:${c.raised};font-weight:600}
tr:nth-child(2n) td{background:${dark ? "#1d1e23" : "#fafafb"}}
`;
}
