import { describe, expect, it } from "vitest";
import {
  catalogue,
  type DocumentStats,
  type KeywordsResult,
  type OutlineResult,
} from "../src/index";
import { fixture, makeContext } from "./support/context";

const article = fixture("article.md");
const markdown = { content: article, format: "markdown" as const };

describe("summarize", () => {
  it("picks the requested number of real sentences, in their original order", async () => {
    const output = await catalogue.summarize.run(markdown, { sentences: 4 }, makeContext());
    expect(output.format).toBe("text");
    expect(output.meta).toMatchObject({ sentences: 4 });
    expect(output.meta?.totalSentences).toBeGreaterThan(100);
    const plain = article.replace(/\s+/g, " ");
    const picked = output.content.split(/(?<=[.!?])\s+(?=[A-Z])/);
    expect(picked.length).toBeGreaterThanOrEqual(4);
    // Every sentence is from the article, in order, and none is code.
    let position = 0;
    for (const sentence of picked) {
      const words = sentence.split(" ").slice(0, 4).join(" ");
      const found = plain.indexOf(words, position);
      expect(found, sentence).toBeGreaterThanOrEqual(position);
      position = found;
    }
    expect(output.content).not.toMatch(/SKIP LOCKED\s+LIMIT|await claimNext/);
    expect(output.content).toMatch(/idempotency|job|queue|charge/i);
  });

  it("on a README picks whole prose sentences, never list items, code, tables or headings", async () => {
    const readme = { content: fixture("readme.md"), format: "markdown" as const };
    // Every sentence of the README's paragraphs, whole: none split at the dot in `Node.js`,
    // `commonmark.js`, `mdkit.render(…)` or `docs/incremental.md`.
    const prose = [
      "mdkit renders Markdown to HTML in the browser and in Node.js, and it follows the CommonMark spec exactly, like commonmark.js and markdown-it do.",
      "It was written for editors that re-render a document on every keystroke, so it keeps a cache of parsed blocks and only re-parses the blocks that changed.",
      "On a typical README the incremental path is about forty times faster than a full parse.",
      "Call mdkit.render(source, options) with a string and you get HTML back.",
      "The options object accepts sanitize, breaks and linkify; each defaults to false.",
      "The parser never throws on malformed input, because every string is valid Markdown.",
      "Incremental updates compare each edited block with its neighbours, because a new blank line or a fence can change how the following blocks are read.",
      "Most edits touch one paragraph, and then only that paragraph is parsed again.",
      "See docs/incremental.md for the details of the algorithm.",
      "Bug reports with a minimal input are the most useful contributions we get, since the spec has many corner cases.",
      "Security issues should go to security@example.com instead of the tracker.",
    ];
    const all = await catalogue.summarize.run(readme, { sentences: 20 }, makeContext());
    expect(all.content).toBe(prose.join(" "));
    expect(all.meta).toEqual({ sentences: prose.length, totalSentences: prose.length });

    const three = await catalogue.summarize.run(readme, { sentences: 3 }, makeContext());
    const picked = prose.filter((sentence) => three.content.includes(sentence));
    expect(picked.join(" ")).toBe(three.content);
    expect(picked).toHaveLength(3);
  });

  it("returns the whole text when it has fewer sentences than asked", async () => {
    const output = await catalogue.summarize.run(
      { content: "<p>Only one sentence here.</p>", format: "html" },
      { sentences: 3 },
      makeContext(),
    );
    expect(output.content).toBe("Only one sentence here.");
  });
});

describe("keywords", () => {
  it("finds the article's topics as words and phrases", async () => {
    const output = await catalogue.keywords.run(markdown, { count: 12 }, makeContext());
    expect(output.format).toBe("json");
    const result = JSON.parse(output.content) as KeywordsResult;
    expect(result.keywords).toHaveLength(12);
    const terms = result.keywords.map((k) => k.term.toLowerCase());
    expect(terms).toEqual(expect.arrayContaining(["job"]));
    expect(terms.some((t) => /^(queue|worker|order|charge|request|retr)/.test(t))).toBe(true);
    for (const k of result.keywords) expect(k.score).toBeGreaterThan(0);
    expect(result.keyphrases.length).toBeGreaterThan(0);
    expect(result.keyphrases.length).toBeLessThanOrEqual(12);
    expect(result.keyphrases.some((p) => p.phrase.includes(" "))).toBe(true);
  });
});

describe("outline", () => {
  it("builds the heading tree with GitHub anchors and a Markdown table of contents", async () => {
    const output = await catalogue.outline.run(markdown, {}, makeContext());
    const result = JSON.parse(output.content) as OutlineResult;
    expect(output.meta).toEqual({ headings: 15 });
    expect(result.outline).toHaveLength(1);
    const [title] = result.outline;
    expect(title?.depth).toBe(1);
    expect(title?.slug).toMatch(/^moving-a-ten-year-old-monolith/);
    const sections = title!.children.map((c) => c.text);
    expect(sections).toContain("Idempotency keys, or how we stopped charging people twice");
    const why = title!.children.find((c) => c.text === "Why the request had to get smaller");
    expect(why?.children).toEqual([
      { depth: 3, text: 'What "done" meant', slug: "what-done-meant", children: [] },
    ]);
    expect(result.markdown).toContain(
      "  - [Idempotency keys, or how we stopped charging people twice](#idempotency-keys-or-how-we-stopped-charging-people-twice)",
    );
    expect(result.markdown).toContain('    - [What "done" meant](#what-done-meant)');
  });

  it("reads HTML headings, nests skipped levels and de-duplicates anchors", async () => {
    const html =
      "<h2>Intro</h2><h4>Deep <em>detail</em></h4><h2>Intro</h2><h1>Top</h1><h3>Child</h3>";
    const result = JSON.parse(
      (await catalogue.outline.run({ content: html, format: "html" }, {}, makeContext())).content,
    ) as OutlineResult;
    expect(result.outline).toEqual([
      {
        depth: 2,
        text: "Intro",
        slug: "intro",
        children: [{ depth: 4, text: "Deep detail", slug: "deep-detail", children: [] }],
      },
      { depth: 2, text: "Intro", slug: "intro-1", children: [] },
      {
        depth: 1,
        text: "Top",
        slug: "top",
        children: [{ depth: 3, text: "Child", slug: "child", children: [] }],
      },
    ]);
  });
});

describe("stats", () => {
  it("counts an English article and scores its readability", async () => {
    const output = await catalogue.stats.run(markdown, {}, makeContext());
    const stats = JSON.parse(output.content) as DocumentStats;
    expect(output.meta).toEqual(stats);
    expect(stats.language).toBe("eng");
    expect(stats.words).toBeGreaterThan(2000);
    expect(stats.words).toBeLessThan(2500);
    expect(stats.sentences).toBeGreaterThan(100);
    expect(stats.paragraphs).toBeGreaterThan(40);
    expect(stats.characters).toBeGreaterThan(stats.charactersWithoutSpaces);
    expect(stats.readingTimeMinutes).toBeCloseTo(stats.words / 238, 1);
    expect(stats.fleschReadingEase).toBeGreaterThan(30);
    expect(stats.fleschReadingEase).toBeLessThan(90);
  });

  it("counts graphemes, not code units, and knows which languages it cannot score", async () => {
    const arabic =
      "تعد اللغة العربية من أكثر اللغات انتشارا في العالم، ويتحدث بها أكثر من أربعمائة مليون " +
      "شخص. وهي لغة رسمية في اثنتين وعشرين دولة. 👩‍👩‍👧‍👦";
    const stats = JSON.parse(
      (await catalogue.stats.run({ content: arabic, format: "text" }, {}, makeContext())).content,
    ) as DocumentStats;
    expect(stats.language).toBe("arb");
    expect(stats.fleschReadingEase).toBeNull();
    expect(stats.sentences).toBe(2);
    expect(stats.characters).toBe([...new Intl.Segmenter().segment(arabic)].length);
    expect(stats.characters).toBeLessThan(arabic.length);

    const short = JSON.parse(
      (await catalogue.stats.run({ content: "Hi there", format: "text" }, {}, makeContext()))
        .content,
    ) as DocumentStats;
    expect(short).toMatchObject({ language: "und", words: 2, sentences: 1 });
  });

  it("gives no reading-ease score for text too short to measure", async () => {
    const stats = async (content: string) =>
      JSON.parse(
        (await catalogue.stats.run({ content, format: "text" }, {}, makeContext())).content,
      ) as DocumentStats;
    expect(await stats("Supercalifragilisticexpialidocious.")).toMatchObject({
      words: 1,
      fleschReadingEase: null,
    });
    const sentence = "The quick brown fox jumps over the lazy dog near the river bank. ";
    expect((await stats(sentence.repeat(7))).fleschReadingEase).toBeNull();
    expect((await stats(sentence.repeat(8))).fleschReadingEase).toBeGreaterThan(60);
  });
});
