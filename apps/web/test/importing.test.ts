import { describe, expect, it } from "vitest";
import {
  importTypeOf,
  readImport,
  titleFromContent,
  titleFromFileName,
  toBase64,
} from "../src/documents/importFile";
import { clipboardFragment, pasteAsHtml } from "../src/documents/pasteHtml";
import { plainExcerpt, plainExcerptParts } from "../src/documents/plainExcerpt";

describe("importing a file", () => {
  it("knows a file's format by its extension, else its media type", () => {
    expect(importTypeOf({ name: "notes.MD", type: "" })).toBe("markdown");
    expect(importTypeOf({ name: "page.htm", type: "" })).toBe("html");
    expect(importTypeOf({ name: "readme", type: "text/plain" })).toBe("text");
    expect(importTypeOf({ name: "report.docx", type: "" })).toBe("docx");
    expect(importTypeOf({ name: "photo.png", type: "image/png" })).toBeNull();
  });

  it("titles it from its first heading, else its file name", () => {
    expect(titleFromContent("markdown", "intro\n\n# Roadmap 2025 #\n\n## Later")).toBe(
      "Roadmap 2025",
    );
    expect(titleFromContent("html", "<html><head><title> Handbook </title></head></html>")).toBe(
      "Handbook",
    );
    expect(titleFromContent("html", "<h1 class='x'>Welcome</h1>")).toBe("Welcome");
    expect(titleFromContent("text", "# not a heading in text")).toBeNull();
    expect(titleFromFileName("release-notes_v2.md")).toBe("release notes v2");
    expect(titleFromFileName(".md")).toBe("Imported document");
  });

  it("reads text files, and Word files as base64 for the server to convert", async () => {
    const markdown = await readImport(new File(["# Plan\n\nSoon."], "plan.md"));
    expect(markdown).toEqual({
      type: "text",
      format: "markdown",
      title: "Plan",
      content: "# Plan\n\nSoon.",
    });
    const word = await readImport(new File([new Uint8Array([80, 75, 3, 4])], "a.docx"));
    expect(word).toEqual({ type: "docx", fileName: "a.docx", contentBase64: "UEsDBA==" });
  });

  it("refuses, in words, what the server would refuse", async () => {
    await expect(readImport(new File(["x"], "photo.png", { type: "image/png" }))).rejects.toThrow(
      /not a file Transmute can import/,
    );
    const big = new File([new Uint8Array(1024 * 1024 + 1)], "big.txt");
    await expect(readImport(big)).rejects.toThrow(/at most 1 MiB/);
    const bigWord = new File([new Uint8Array(3 * 1024 * 1024 + 1)], "big.docx");
    await expect(readImport(bigWord)).rejects.toThrow(/at most 3 MiB/);
  });

  it("encodes large files to base64 without overflowing the stack", () => {
    const bytes = new Uint8Array(200_000).map((_, i) => i % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });
});

describe("pasting from a web page", () => {
  it("keeps only the copied fragment of the clipboard's HTML", () => {
    expect(clipboardFragment('<meta charset="utf-8"><p>Hi</p>')).toBe("<p>Hi</p>");
    expect(
      clipboardFragment(
        "<html><body><!--StartFragment--><b>bold</b><!--EndFragment--></body></html>",
      ),
    ).toBe("<b>bold</b>");
    expect(clipboardFragment("<html><body><h2>T</h2></body></html>")).toBe("<h2>T</h2>");
  });

  it("pastes markup into an HTML or an empty document, and leaves other pastes to the browser", () => {
    const html = "<p>Free for <b>teams</b></p>";
    expect(pasteAsHtml({ html, format: "markdown", contentEmpty: true })).toEqual({
      format: "html",
      insert: html,
    });
    expect(pasteAsHtml({ html, format: "html", contentEmpty: false })).toEqual({
      format: "html",
      insert: html,
    });
    expect(pasteAsHtml({ html, format: "markdown", contentEmpty: false })).toBeNull();
    expect(pasteAsHtml({ html: "", format: "html", contentEmpty: true })).toBeNull();
  });
});

describe("excerpts in the list", () => {
  it("shows words, not markup", () => {
    expect(
      plainExcerpt(
        "html",
        "<html><head><title>T</title><style>p{}</style></head><body><h1>Welcome</h1><p>Fish &amp; chips&#33; &#x263A;</p>",
      ),
    ).toBe("Welcome Fish & chips! ☺");
    expect(plainExcerpt("html", "<p>cut off <a href")).toBe("cut off");
    expect(
      plainExcerpt("markdown", "# Title\n\n- **bold** and `code`\n> [link](https://x.y)"),
    ).toBe("Title bold and code link");
    expect(plainExcerpt("text", "  a\n\nb  ")).toBe("a b");
  });

  it("keeps a search excerpt's matches apart while dropping the markup around them", () => {
    const parts = plainExcerptParts("markdown", [
      { text: "# Launch ", match: false },
      { text: "day", match: true },
      { text: "\n\n**Transmute**  now", match: false },
    ]);
    expect(parts).toEqual([
      { text: "Launch ", match: false },
      { text: "day", match: true },
      { text: " Transmute now", match: false },
    ]);
  });
});
