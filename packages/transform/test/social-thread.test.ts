import { describe, expect, it } from "vitest";
import { catalogue, platformLimits, type ThreadResult } from "../src/index";
import { fixture, makeContext } from "./support/context";

const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" });
const clusters = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

async function thread(
  content: string,
  params: { platform?: keyof typeof platformLimits; maxLength?: number; numbering?: boolean },
  format: "markdown" | "html" | "text" = "text",
) {
  const definition = catalogue["social-thread"];
  const output = await definition.run(
    { content, format },
    definition.params.parse(params),
    makeContext(),
  );
  expect(output.format).toBe("json");
  return (JSON.parse(output.content) as ThreadResult).posts;
}

const withoutCounter = (post: string) => post.replace(/ \d+\/\d+$/, "");

describe("social-thread", () => {
  it("splits an article into numbered posts within the limit, on sentence boundaries", async () => {
    const posts = await thread(fixture("article.md"), { platform: "x" }, "markdown");
    expect(posts.length).toBeGreaterThan(40);
    posts.forEach((post, i) => {
      expect(clusters(post).length).toBeLessThanOrEqual(280);
      expect(post.endsWith(` ${i + 1}/${posts.length}`)).toBe(true);
    });
    // Most posts end at a sentence end (a post can end mid-sentence only when a sentence is
    // longer than a post).
    const sentenceEnds = posts.filter((p) => /[.!?:)"]$/.test(withoutCounter(p))).length;
    expect(sentenceEnds / posts.length).toBeGreaterThan(0.8);
    expect(posts[0]).toMatch(/^Moving a Ten-Year-Old Monolith/);
  });

  it("uses each platform's limit, or the override, and can leave the numbering out", async () => {
    const text = fixture("article.md");
    for (const platform of ["linkedin", "mastodon", "bluesky"] as const) {
      const posts = await thread(text, { platform }, "markdown");
      for (const post of posts) {
        expect(clusters(post).length).toBeLessThanOrEqual(platformLimits[platform]);
      }
    }
    const plain = await thread(text, { maxLength: 100, numbering: false }, "markdown");
    for (const post of plain) {
      expect(clusters(post).length).toBeLessThanOrEqual(100);
      expect(post).not.toMatch(/ \d+\/\d+$/);
    }
  });

  it("keeps a short text as one post without a counter", async () => {
    expect(await thread("Just one short thought.", {})).toEqual(["Just one short thought."]);
  });

  it("splits a long sentence between words and a long word between characters", async () => {
    const sentence = Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ") + ".";
    const posts = await thread(sentence, { maxLength: 50 });
    for (const post of posts) expect(clusters(post).length).toBeLessThanOrEqual(50);
    expect(posts.map(withoutCounter).join(" ")).toBe(sentence);

    const word = "x".repeat(700);
    const cut = await thread(word, { maxLength: 280, numbering: false });
    expect(cut.map((p) => p.length)).toEqual([280, 280, 140]);
    expect(cut.join("")).toBe(word);
  });

  it("never splits a grapheme: ZWJ emoji, flags, combining marks, Arabic and Hebrew", async () => {
    const family = "👩‍👩‍👧‍👦";
    const text = [
      `${family}${family}${family} مرحبا بكم في سلسلة المنشورات هذه، وهي تختبر الكتابة من اليمين إلى اليسار.`,
      "שלום לכולם! זהו משפט בעברית שנועד לבדוק פיצול נכון של טקסט ארוך מאוד.",
      `${"🇺🇦🇯🇵🏳️‍🌈".repeat(12)} é̃ñ ${family.repeat(30)}`,
      "👍🏽 done.",
    ].join(" ");
    const original = new Set(clusters(text));
    for (const maxLength of [20, 33, 50]) {
      const posts = await thread(text, { maxLength });
      for (const post of posts) {
        expect(clusters(post).length).toBeLessThanOrEqual(maxLength);
        for (const cluster of clusters(withoutCounter(post))) {
          expect(original.has(cluster), `${JSON.stringify(cluster)} in ${post}`).toBe(true);
        }
      }
      const rejoined = posts.map(withoutCounter).join("");
      expect(rejoined.replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    }
  });
});
