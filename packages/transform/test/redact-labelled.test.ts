import { describe, expect, it } from "vitest";
import { catalogue, type DocumentFormat } from "../src/index";
import { fixture, makeContext } from "./support/context";

interface Labelled {
  text: string;
  format: DocumentFormat;
  /** The personal data in the text as a reader sees it; empty for look-alikes. */
  personal: string[];
}

const items = JSON.parse(fixture("redact-labelled.json")) as Labelled[];

/** What a reader sees of the output: no tags, no emphasis markers, single spaces. */
const readable = (content: string) =>
  content
    .replace(/<[^>]*>/g, "")
    .replace(/[*_~`]/g, "")
    .replace(/\s+/g, " ");

describe("redact on a labelled set", () => {
  it("holds at least 80 strings, half of them look-alikes", () => {
    expect(items.length).toBeGreaterThanOrEqual(80);
    const lookAlikes = items.filter((item) => item.personal.length === 0).length;
    expect(lookAlikes).toBeGreaterThanOrEqual(items.length / 2);
  });

  it("has precision and recall of at least 0.95", async () => {
    let findings = 0;
    let correct = 0;
    let personal = 0;
    let leaked = 0;
    for (const item of items) {
      const output = await catalogue.redact.run(
        { content: item.text, format: item.format },
        catalogue.redact.params.parse({}),
        makeContext(),
      );
      const found = (output.meta as { total: number }).total;
      const seen = readable(output.content);
      // A value is leaked if any of it is still readable, in the text or in the source.
      const leaks = item.personal.filter(
        (value) => seen.includes(value.replace(/\s+/g, " ")) || output.content.includes(value),
      ).length;
      personal += item.personal.length;
      leaked += leaks;
      findings += found;
      correct += Math.min(found, item.personal.length - leaks);
    }
    const precision = correct / findings;
    const recall = (personal - leaked) / personal;
    console.log(
      `redact: precision ${precision.toFixed(3)} (${correct}/${findings}), ` +
        `recall ${recall.toFixed(3)} (${personal - leaked}/${personal}) on ${items.length} strings`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
