import { tasklist } from "@mdit/plugin-tasklist";
import type { Element, ElementContent, Root } from "hast";
import MarkdownIt, { type Options, type PluginSimple } from "markdown-it";
import footnote from "markdown-it-footnote";
import type Token from "markdown-it/lib/token.mjs";

// markdown-it stops parsing a container nested deeper than maxNesting and drops the rest of
// it; its default of 100 cut 1 MiB of 60-deep lists down to a few lines. Blocks may nest 1,000
// levels, beyond any real document and still linear; inline parsing keeps 100, because there
// the limit bounds how far each `[` looks ahead for its link (time grows with it on `[[[[…`).
const blockNesting = 1000;
const inlineNesting = 100;
// (@types/markdown-it leaves the option out.)
const options: Options & { maxNesting: number } = {
  html: true,
  linkify: true,
  maxNesting: inlineNesting,
};
/**
 * markdown-it: CommonMark 0.31.2 with GFM tables and strikethrough built in, linear on
 * pathological input, several times faster than micromark; footnotes and task lists come from
 * its maintained plugins. Raw HTML is parsed (so that it cannot change how the Markdown around
 * it reads) and then dropped: it becomes `raw` nodes, which the sanitizer removes.
 */
const parser = new MarkdownIt(options)
  // Typed against the CommonJS flavour of @types/markdown-it: the same API.
  .use(footnote as unknown as PluginSimple)
  .use(tasklist, { label: false, containerClass: "contains-task-list" });
parser.core.ruler.before("block", "deep_blocks", (state) => {
  (state.md.options as typeof options).maxNesting = blockNesting;
});
parser.core.ruler.after("block", "shallow_inlines", (state) => {
  (state.md.options as typeof options).maxNesting = inlineNesting;
});
// GFM has no inline footnotes (`^[text]`).
parser.inline.ruler.disable(["footnote_inline"]);
// Which link targets are safe is the sanitizer's one allow-list; markdown-it's own check would
// instead leave `[text](javascript:…)` as literal brackets.
parser.validateLink = () => true;

/** A Markdown document as an unsanitized HTML tree, shaped as GitHub renders it. */
export function markdownToHast(markdown: string): Root {
  const root: Root = { type: "root", children: [] };
  appendTokens(root, parser.parse(markdown, {}));
  return root;
}

type Parent = Root | Element;

const newline = (): ElementContent => ({ type: "text", value: "\n" });

function element(tagName: string, children: ElementContent[] = [], properties = {}): Element {
  return { type: "element", tagName, properties, children };
}

/**
 * markdown-it tokens are a flat list of opening, closing and leaf tokens; an opening token
 * pushes an element (or two, for the footnote section), its closing token returns to the parent.
 * Line breaks go where markdown-it's own renderer puts them, so the HTML reads the same.
 */
function appendTokens(root: Parent, tokens: Token[]): void {
  const stack: Parent[] = [root];
  let parent: Parent = root;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const block = isBlock(token);
    if (block && token.nesting !== -1 && tokens[index - 1]?.hidden) {
      parent.children.push(newline());
    }
    if (token.nesting === 1) {
      // Paragraphs in tight lists are hidden: their text goes straight into the list item.
      const chain = token.hidden ? [] : openElements(token, tokens[index + 1]);
      for (const node of chain) {
        (parent.children as ElementContent[]).push(node);
        parent = node;
      }
      stack.push(parent);
      const next = tokens[index + 1];
      if (block && next && next.type !== "inline" && !next.hidden && next.nesting !== -1) {
        parent.children.push(newline());
      }
    } else if (token.nesting === -1) {
      stack.pop();
      parent = stack.at(-1) as Parent;
      if (block && !token.hidden) parent.children.push(newline());
    } else if (token.type === "inline") {
      appendTokens(parent, token.children ?? []);
    } else {
      for (const node of leaf(token)) (parent.children as ElementContent[]).push(node);
    }
  }
}

// The footnote plugin does not mark its section's tokens as blocks.
const footnoteBlocks = new Set(["footnote_block_open", "footnote_open", "footnote_close"]);

/** Whether markdown-it's renderer puts line breaks around the token (inline tokens aside). */
function isBlock(token: Token): boolean {
  return (token.block && token.type !== "inline") || footnoteBlocks.has(token.type);
}

function openElements(token: Token, next: Token | undefined): Element[] {
  switch (token.type) {
    case "footnote_block_open":
      return [
        element(
          "section",
          [
            element("h2", [{ type: "text", value: "Footnotes" }], {
              className: ["sr-only"],
              id: "footnote-label",
            }),
            newline(),
          ],
          { dataFootnotes: true, className: ["footnotes"] },
        ),
        element("ol"),
      ];
    case "footnote_open":
      return [element("li", [], { id: `fn-${footnoteName(token)}` })];
    case "link_open":
      // GFM links bare addresses only with `www.` or a scheme, not every word ending in a
      // top-level domain such as `README.md`; linkify-it finds both kinds.
      if (token.markup === "linkify" && isBareDomain(token, next)) return [];
      return [element("a", [], { href: token.attrGet("href"), title: token.attrGet("title") })];
    case "ordered_list_open": {
      const start = token.attrGet("start");
      return [element("ol", [], start === null ? {} : { start: Number(start) })];
    }
    case "th_open":
    case "td_open": {
      const align = /text-align:(\w+)/.exec(token.attrGet("style") ?? "")?.[1];
      return [element(token.tag, [], align ? { align } : {})];
    }
    case "s_open":
      return [element("del")];
    default: {
      const className = token.attrGet("class");
      return [element(token.tag, [], className ? { className: className.split(" ") } : {})];
    }
  }
}

function leaf(token: Token): ElementContent[] {
  switch (token.type) {
    case "text":
      return [{ type: "text", value: token.content }];
    case "softbreak":
      return [newline()];
    case "hardbreak":
      return [element("br"), newline()];
    case "code_inline":
      return [element("code", [{ type: "text", value: token.content }])];
    case "code_block":
    case "fence": {
      const language = token.info.trim().split(/\s+/)[0];
      const code = element("code", [{ type: "text", value: token.content }], {
        className: language ? [`language-${parser.utils.unescapeAll(language)}`] : undefined,
      });
      return [element("pre", [code]), newline()];
    }
    case "hr":
      return [element("hr"), newline()];
    case "image":
      return [
        element("img", [], {
          src: token.attrGet("src"),
          alt: textOf(token.children ?? []),
          title: token.attrGet("title"),
        }),
      ];
    case "checkbox_input":
      return [
        element("input", [], {
          type: "checkbox",
          checked: token.attrGet("checked") !== null,
          disabled: true,
        }),
      ];
    case "footnote_ref":
      return [footnoteReference(token)];
    case "footnote_anchor":
      return [{ type: "text", value: " " }, footnoteBackReference(token)];
    case "html_block":
    case "html_inline":
      // Dropped by the sanitizer; kept in the tree only so that a test can re-parse it.
      return [{ type: "raw", value: token.content } as unknown as ElementContent];
    default:
      return [];
  }
}

function isBareDomain(link: Token, text: Token | undefined): boolean {
  const href = link.attrGet("href") ?? "";
  return !href.startsWith("mailto:") && !/^(?:www\.|[a-z][a-z\d+.-]*:)/i.test(text?.content ?? "");
}

/** An image's alt text: its description as plain text. */
function textOf(tokens: Token[]): string {
  let text = "";
  for (const token of tokens) {
    if (token.type === "text" || token.type === "code_inline") text += token.content;
    else if (token.type === "softbreak" || token.type === "hardbreak") text += "\n";
    else if (token.type === "image") text += textOf(token.children ?? []);
  }
  return text;
}

interface FootnoteMeta {
  id: number;
  subId?: number;
  label?: string;
}

function footnoteName(token: Token): string {
  const meta = token.meta as FootnoteMeta;
  return (meta.label ?? String(meta.id + 1)).toLowerCase();
}

/** The n-th reference to a footnote gets its own id, so each back link returns to its place. */
function referenceId(token: Token): string {
  const { subId = 0 } = token.meta as FootnoteMeta;
  return `fnref-${footnoteName(token)}${subId > 0 ? `-${subId + 1}` : ""}`;
}

function footnoteReference(token: Token): Element {
  const { id } = token.meta as FootnoteMeta;
  const link = element("a", [{ type: "text", value: String(id + 1) }], {
    href: `#fn-${footnoteName(token)}`,
    id: referenceId(token),
    dataFootnoteRef: true,
    ariaDescribedBy: ["footnote-label"],
  });
  return element("sup", [link]);
}

function footnoteBackReference(token: Token): Element {
  const { id, subId = 0 } = token.meta as FootnoteMeta;
  const label = `Back to reference ${id + 1}${subId > 0 ? `-${subId + 1}` : ""}`;
  return element(
    "a",
    [
      { type: "text", value: "↩" },
      ...(subId > 0 ? [element("sup", [{ type: "text", value: String(subId + 1) }])] : []),
    ],
    {
      href: `#${referenceId(token)}`,
      dataFootnoteBackref: "",
      ariaLabel: label,
      className: ["data-footnote-backref"],
    },
  );
}
