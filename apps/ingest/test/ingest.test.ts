import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiKey, signUp, startTestServer, type TestServer } from "@transmute/client/testing";
import { describeEachEngine } from "@transmute/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIngestEnv, startIngest, type RunningIngest } from "../src";

/** Resolves with the file's content once it exists. */
async function appears(path: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const content = await readFile(path, "utf8").catch(() => null);
    if (content !== null) return content;
    if (Date.now() > deadline) throw new Error(`${path} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachEngine("the ingest service", (engine) => {
  let server: TestServer;
  let dir: string;
  let ingest: RunningIngest;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(engine);
    token = await signUp(server.url);
    dir = await mkdtemp(join(tmpdir(), "transmute-ingest-"));
    // Already there at start, without a result: taken on start-up.
    await writeFile(join(dir, "waiting.md"), "Words that *waited* for the service.");
    const parsed = parseIngestEnv({
      TRANSMUTE_URL: server.url,
      // What a real deployment uses: a workspace key, not a person's session.
      TRANSMUTE_API_KEY: await createApiKey(server.url, token),
      INGEST_DIR: dir,
      INGEST_KIND: "markdown-to-html",
      INGEST_PORT: "0",
    });
    if (!parsed.ok) throw new Error(parsed.message);
    ingest = await startIngest(parsed.env);
  });
  afterAll(async () => {
    await ingest?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("transforms a file dropped into the folder and writes the result next to it", async () => {
    await writeFile(join(dir, "note.md"), "# Dropped\n\nInto the *folder*.");
    const output = await appears(join(dir, "note.md.markdown-to-html.out"));
    expect(output).toContain("<h1>Dropped</h1>");
    expect(output).toContain("<em>folder</em>");
  });

  it("takes a file that was already waiting when it started", async () => {
    const output = await appears(join(dir, "waiting.md.markdown-to-html.out"));
    expect(output).toContain("Words that <em>waited</em> for the service.");
  });

  it("leaves other files alone", async () => {
    await writeFile(join(dir, "picture.png"), "not a document");
    await writeFile(join(dir, "marker.md"), "# Marker");
    await appears(join(dir, "marker.md.markdown-to-html.out"));
    await expect(readFile(join(dir, "picture.png.markdown-to-html.out"))).rejects.toThrow();
  });

  it("answers POST /ingest with the transformation's output", async () => {
    const response = await fetch(`${ingest.url}/ingest?title=Posted`, {
      method: "POST",
      headers: { "content-type": "text/markdown; charset=utf-8" },
      body: "# Posted\n\nOver HTTP.",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("x-transformation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.text()).toContain("<h1>Posted</h1>");
  });

  it("refuses what it cannot ingest with a clear status and message", async () => {
    const post = (body: string, contentType: string) =>
      fetch(`${ingest.url}/ingest`, {
        method: "POST",
        headers: { "content-type": contentType },
        body,
      });
    const binary = await post("%PDF-1.7", "application/pdf");
    expect(binary.status).toBe(415);
    expect(await binary.json()).toEqual({ error: "Send text/markdown, text/html or text/plain" });
    const empty = await post("  ", "text/plain");
    expect(empty.status).toBe(400);
    expect((await fetch(`${ingest.url}/ingest`)).status).toBe(405);
  });

  it("writes the reason next to a file it could not transform, and answers HTTP with 422", async () => {
    const otherDir = await mkdtemp(join(tmpdir(), "transmute-ingest-"));
    const parsed = parseIngestEnv({
      TRANSMUTE_URL: server.url,
      TRANSMUTE_API_KEY: token,
      INGEST_DIR: otherDir,
      INGEST_KIND: "no-such-kind",
      INGEST_PORT: "0",
    });
    if (!parsed.ok) throw new Error(parsed.message);
    const misconfigured = await startIngest(parsed.env);
    try {
      await writeFile(join(otherDir, "doomed.md"), "# Doomed");
      expect(await appears(join(otherDir, "doomed.md.no-such-kind.error"))).toMatch(/no-such-kind/);
      const response = await fetch(`${misconfigured.url}/ingest`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "words",
      });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: string }).error).toMatch(/no-such-kind/);
    } finally {
      await misconfigured.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});

describe("the ingest configuration", () => {
  it("names every missing or conflicting variable", () => {
    const missing = parseIngestEnv({ INGEST_PORT: "eighty" });
    expect(!missing.ok && missing.message).toMatch(/TRANSMUTE_URL:.*\n.*INGEST_PORT:/);
    const anonymous = parseIngestEnv({ TRANSMUTE_URL: "http://localhost:3000" });
    expect(!anonymous.ok && anonymous.message).toMatch(/exactly one of TRANSMUTE_API_KEY/);
    const both = parseIngestEnv({
      TRANSMUTE_URL: "http://localhost:3000",
      TRANSMUTE_API_KEY: "tm_live_x",
      TRANSMUTE_TOKEN: "y",
    });
    expect(!both.ok && both.message).toMatch(/exactly one of TRANSMUTE_API_KEY/);
  });

  it("defaults to markdown-to-html on port 4000, with no folder", () => {
    const parsed = parseIngestEnv({ TRANSMUTE_URL: "http://localhost:3000", TRANSMUTE_TOKEN: "t" });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.env).toMatchObject({ INGEST_KIND: "markdown-to-html", INGEST_PORT: 4000 });
    expect(parsed.env.INGEST_DIR).toBeUndefined();
  });
});
