import { describe, expect, it } from "vitest";
import { differ, splitTags, toInput } from "../src/documents/documentValues";

describe("the document editor's values", () => {
  const values = { title: "T", format: "markdown" as const, content: "x", tags: "a, b" };
  it("sends tags as a list without blanks or repeats", () => {
    expect(splitTags(" a, ,b , a")).toEqual(["a", "b"]);
    expect(toInput(values)).toEqual({
      title: "T",
      format: "markdown",
      content: "x",
      tags: ["a", "b"],
    });
  });

  it("counts as unsaved only what would change the saved document", () => {
    expect(differ(values, { ...values, tags: "a,b " })).toBe(false);
    expect(differ(values, { ...values, tags: "b, a" })).toBe(true);
    expect(differ(values, { ...values, content: "x " })).toBe(true);
    expect(differ(values, { ...values, format: "html" })).toBe(true);
  });
});
