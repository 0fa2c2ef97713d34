import { describe, expect, it } from "vitest";
import { safeNext, signInPath } from "../src/routing/safeNext";

describe("after signing in", () => {
  it("goes on to a path of this app, never to another site", () => {
    expect(safeNext("?next=%2Fw%2F1%2Fdocuments%3Fq%3Da")).toBe("/w/1/documents?q=a");
    expect(safeNext("?next=//evil.example/x")).toBeNull();
    expect(safeNext("?next=/%5Cevil.example")).toBeNull();
    expect(safeNext("?next=https://evil.example")).toBeNull();
    expect(safeNext("")).toBeNull();
    expect(signInPath("/invite/abc")).toBe("/signin?next=%2Finvite%2Fabc");
    expect(signInPath("/")).toBe("/signin");
  });
});
