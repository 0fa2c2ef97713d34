import { memberships, transformations, withTenant } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { beforeAll, expect, it } from "vitest";
import { MAX_CONTENT_BYTES } from "../src/routers/document";
import { buildDocx } from "@transmute/transform/testing";
import { rejection, useApi } from "./harness";

describeEachEngine("documents", (engine) => {
  const api = useApi(engine);

  it("creates a document with its size and hash, and reads it back", async () => {
    const { caller } = await api.signUp("writer");
    const content = "# Héllo\n\nשלום עולם";
    const created = await caller.document.create({
      title: "  Greeting  ",
      format: "markdown",
      content,
      tags: ["a", "a", "b"],
    });
    expect(created).toMatchObject({
      title: "Greeting",
      size: Buffer.byteLength(content),
      version: 1,
      tags: ["a", "b"],
    });
    expect(created.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(created.createdAt).toBeInstanceOf(Date);
    const read = await caller.document.get({ id: created.id });
    expect(read.content).toBe(content);
    expect(read.transformations).toEqual([]);
  });

  it("makes one document for an idempotency key, however many retries race, per workspace", async () => {
    const { caller } = await api.signUp("retrier");
    const { caller: other } = await api.signUp("stranger");
    const input = {
      title: "Once",
      format: "text" as const,
      content: "body",
      idempotencyKey: "k-1",
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => caller.document.create(input)),
    );
    expect(new Set(answers.map((document) => document.id)).size).toBe(1);
    expect((await caller.document.list({})).items).toHaveLength(1);
    const theirs = await other.document.create(input);
    expect(theirs.id).not.toBe(answers[0]!.id);
    const unkeyed = await caller.document.create({ ...input, idempotencyKey: undefined });
    expect(unkeyed.id).not.toBe(answers[0]!.id);
    expect((await caller.document.list({})).items).toHaveLength(2);
  });

  it("lists newest first in pages that together hold every document once", async () => {
    const { caller } = await api.signUp("pager");
    const titles: string[] = [];
    for (let i = 0; i < 7; i++) {
      titles.push(`doc ${i}`);
      await caller.document.create({ title: `doc ${i}`, format: "text", content: `body ${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.document.list>> = await caller.document.list({
        limit: 3,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(titles.reverse());
  });

  it("finds documents by full-text search and by tag", async () => {
    const { caller } = await api.signUp("searcher");
    await caller.document.create({
      title: "Gardening",
      format: "markdown",
      content: "Tomatoes grow best in full sun.",
      tags: ["home"],
    });
    await caller.document.create({
      title: "Databases",
      format: "markdown",
      content: "Postgres indexes speed up queries.",
      tags: ["work"],
    });
    const found = await caller.document.list({ query: "tomato" });
    expect(found.items.map((d) => d.title)).toEqual(["Gardening"]);
    expect(found.items[0]!.excerpt).toContain("Tomatoes");
    expect(found.items[0]).not.toHaveProperty("content");
    expect((await caller.document.list({ query: "index OR sun" })).items).toHaveLength(2);
    expect((await caller.document.list({ tag: "work" })).items.map((d) => d.title)).toEqual([
      "Databases",
    ]);
  });

  it("updates with optimistic concurrency: the stale version gets CONFLICT and changes nothing", async () => {
    const { caller } = await api.signUp("editor");
    const doc = await caller.document.create({ title: "Draft", format: "text", content: "one" });
    const updated = await caller.document.update({ id: doc.id, version: 1, content: "two words" });
    expect(updated).toMatchObject({ version: 2, content: "two words", size: 9, title: "Draft" });
    expect(updated.contentHash).not.toBe(doc.contentHash);
    await rejection(
      caller.document.update({ id: doc.id, version: 1, title: "Lost update" }),
      "CONFLICT",
    );
    expect(await caller.document.get({ id: doc.id })).toMatchObject({ title: "Draft", version: 2 });
  });

  it("deletes, after which the document is gone", async () => {
    const { caller } = await api.signUp("deleter");
    const doc = await caller.document.create({
      title: "Temp",
      format: "html",
      content: "<p>x</p>",
    });
    expect(await caller.document.delete({ id: doc.id })).toEqual({ id: doc.id });
    await rejection(caller.document.get({ id: doc.id }), "NOT_FOUND");
    await rejection(caller.document.delete({ id: doc.id }), "NOT_FOUND");
  });

  it("lets viewers read but not write", async () => {
    const owner = await api.signUp("owner");
    const viewer = await api.signUp("viewer");
    const doc = await owner.caller.document.create({
      title: "Shared",
      format: "text",
      content: "read me",
    });
    await api.db
      .insert(memberships)
      .values({ workspaceId: owner.workspace.id, userId: viewer.user.id, role: "viewer" });
    const { tokens } = await viewer.caller.auth.switchWorkspace({
      workspaceId: owner.workspace.id,
    });
    const asViewer = api.as(tokens.accessToken);
    expect((await asViewer.document.get({ id: doc.id })).content).toBe("read me");
    expect((await asViewer.document.list({})).items).toHaveLength(1);
    await rejection(
      asViewer.document.create({ title: "x", format: "text", content: "" }),
      "FORBIDDEN",
    );
    await rejection(asViewer.document.update({ id: doc.id, version: 1, title: "x" }), "FORBIDDEN");
    await rejection(asViewer.document.delete({ id: doc.id }), "FORBIDDEN");
    expect(await owner.caller.document.get({ id: doc.id })).toMatchObject({
      title: "Shared",
      version: 1,
    });
  });

  it("refuses bad input with BAD_REQUEST and stores nothing", async () => {
    const { caller } = await api.signUp("bad");
    const cases = [
      () => caller.document.get({ id: "not-a-uuid" }),
      () => caller.document.create({ title: "", format: "text", content: "x" }),
      () => caller.document.create({ title: "x".repeat(201), format: "text", content: "x" }),
      () => caller.document.create({ title: "ok", format: "pdf" as "text", content: "x" }),
      () => caller.document.create({ title: "nul", format: "text", content: "a\u0000b" }),
      () =>
        caller.document.create({
          title: "big",
          format: "text",
          content: "é".repeat(MAX_CONTENT_BYTES / 2 + 1),
        }),
      () =>
        caller.document.create({
          title: "tags",
          format: "text",
          content: "x",
          tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
        }),
      () => caller.document.list({ limit: 1000 }),
    ];
    // Thunks: each call starts only when awaited, so none rejects unobserved.
    for (const call of cases) await rejection(call(), "BAD_REQUEST");
    expect((await caller.document.list({})).items).toEqual([]);
  });

  it("lists each document with its latest transformations, newest first", async () => {
    const { caller, workspace } = await api.signUp("latest");
    const doc = await caller.document.create({
      title: "With jobs",
      format: "markdown",
      content: "# x",
    });
    await withTenant(api.app, workspace.id, async (tx) => {
      for (const kind of ["a", "b", "c", "d"]) {
        await tx
          .insert(transformations)
          .values({ workspaceId: workspace.id, documentId: doc.id, kind, output: "big output" });
      }
    });
    const [listed] = (await caller.document.list({})).items;
    expect(listed!.transformations.map((t) => t.kind)).toEqual(["d", "c", "b"]);
    expect(listed!.transformations[0]).not.toHaveProperty("output");
    expect((await caller.document.get({ id: doc.id })).transformations).toHaveLength(4);
  });

  it("sends the same number of SQL statements for a page of 2 as for a page of 40 (no N+1)", async () => {
    const { caller, workspace } = await api.signUp("nplus1");
    for (let i = 0; i < 40; i++) {
      const doc = await caller.document.create({ title: `n${i}`, format: "text", content: "x" });
      await withTenant(api.app, workspace.id, (tx) =>
        tx.insert(transformations).values([
          { workspaceId: workspace.id, documentId: doc.id, kind: "stats" },
          { workspaceId: workspace.id, documentId: doc.id, kind: "summarize" },
        ]),
      );
    }
    const countFor = async (limit: number) => {
      const before = api.statements.count;
      const page = await caller.document.list({ limit });
      expect(page.items).toHaveLength(limit);
      expect(page.items.every((item) => item.transformations.length === 2)).toBe(true);
      return api.statements.count - before;
    };
    const small = await countFor(2);
    const large = await countFor(40);
    expect(large).toBe(small);
    // set_config, the membership check and the list itself.
    expect(small).toBeLessThanOrEqual(3);
  });
});

describeEachEngine("searching documents", (engine) => {
  const api = useApi(engine);
  let caller: Awaited<ReturnType<typeof api.signUp>>["caller"];

  beforeAll(async () => {
    ({ caller } = await api.signUp("finder"));
    const create = (title: string, content: string, format: "markdown" | "html" = "markdown") =>
      caller.document.create({ title, format, content, tags: [] });
    // Oldest first: newest-first order would put the title match last.
    await create("Zeppelin history", "Airships of the early twentieth century.");
    await create("Travel notes", "We saw a zeppelin. Then another zeppelin, and a third zeppelin.");
    await create("Unrelated", "Gardening in full sun.");
    await create(
      "Markup",
      "<p>Beware <script>alert(1)</script> the zeppelin &amp; <b>bold</b></p>",
      "html",
    );
  });

  it("matches words as they are being typed", async () => {
    const titles = async (query: string) =>
      (await caller.document.list({ query })).items.map((item) => item.title).sort();
    expect(await titles("zepp")).toEqual(["Markup", "Travel notes", "Zeppelin history"]);
    expect(await titles("airsh")).toEqual(["Zeppelin history"]);
    // PostgreSQL's web-search syntax still works: alternatives and exclusions.
    expect(await titles("garden OR airship")).toEqual(["Unrelated", "Zeppelin history"]);
    expect(await titles("zeppelin -airships")).toEqual(["Markup", "Travel notes"]);
    // Whatever is typed is a search, never a syntax error.
    for (const query of ["'", "o'neil", "a\\b", "zepp:*", "!", "<->", "&|", "the", '"unclosed']) {
      await expect(caller.document.list({ query })).resolves.toHaveProperty("items");
    }
  });

  it("ranks a title match above any number of matches in the text", async () => {
    const found = await caller.document.list({ query: "zeppelin" });
    expect(found.items[0]!.title).toBe("Zeppelin history");
  });

  it("marks the matched words in the excerpt, as data rather than markup", async () => {
    const found = await caller.document.list({ query: "zepp" });
    const travel = found.items.find((item) => item.title === "Travel notes")!;
    expect(travel.excerptParts!.filter((part) => part.match).map((part) => part.text)).toEqual([
      "zeppelin",
      "zeppelin",
      "zeppelin",
    ]);
    expect(travel.excerpt).toBe(travel.excerptParts!.map((part) => part.text).join(""));
    // HTML documents are searched and excerpted as their text: no tags reach the excerpt.
    const markup = found.items.find((item) => item.title === "Markup")!;
    expect(markup.excerpt).not.toMatch(/<|>/);
    expect(markup.excerptParts!.find((part) => part.match)!.text).toBe("zeppelin");
    // Without a query, nothing is marked.
    expect((await caller.document.list({})).items[0]!.excerptParts).toBeNull();
  });

  it("pages through results by relevance, each document once", async () => {
    const all = (await caller.document.list({ query: "zeppelin" })).items.map((item) => item.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.document.list>> = await caller.document.list({
        query: "zeppelin",
        limit: 1,
        cursor,
      });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(3);
  });

  it("sends the same number of statements for a search page of 1 as of 3", async () => {
    const countFor = async (limit: number) => {
      const before = api.statements.count;
      expect((await caller.document.list({ query: "zepp", limit })).items).toHaveLength(limit);
      return api.statements.count - before;
    };
    expect(await countFor(3)).toBe(await countFor(1));
    expect(await countFor(1)).toBeLessThanOrEqual(3);
  });

  it("lists the workspace's tags, most used first, and no other workspace's", async () => {
    await caller.document.create({
      title: "a",
      format: "text",
      content: "",
      tags: ["urgent", "q3"],
    });
    await caller.document.create({ title: "b", format: "text", content: "", tags: ["urgent"] });
    const other = await api.signUp("other-tags");
    await other.caller.document.create({
      title: "c",
      format: "text",
      content: "",
      tags: ["secret"],
    });
    expect(await caller.document.tags()).toEqual([
      { name: "urgent", count: 2 },
      { name: "q3", count: 1 },
    ]);
  });
});

describeEachEngine("importing Word files", (engine) => {
  const api = useApi(engine);

  it("turns a .docx into a sanitized HTML document titled from its first heading", async () => {
    const { caller } = await api.signUp("importer");
    const file = Buffer.from(await buildDocx()).toString("base64");
    const { document, warnings } = await caller.document.importDocx({
      fileName: "q3.docx",
      contentBase64: file,
      tags: ["imported"],
    });
    expect(document).toMatchObject({
      title: "Quarterly report",
      format: "html",
      tags: ["imported"],
    });
    expect(document.content).toContain("<h1>Quarterly report</h1>");
    expect(document.content).not.toMatch(/<script|javascript:/i);
    expect(Array.isArray(warnings)).toBe(true);
    expect((await caller.document.list({})).items.map((item) => item.id)).toEqual([document.id]);
  });

  it("refuses a file that is not a Word document with BAD_REQUEST, and stores nothing", async () => {
    const { caller } = await api.signUp("not-word");
    const contentBase64 = Buffer.from("just some text, not a zip").toString("base64");
    await rejection(
      caller.document.importDocx({ fileName: "notes.docx", contentBase64 }),
      "BAD_REQUEST",
    );
    await rejection(
      caller.document.importDocx({ contentBase64: "***not base64***" }),
      "BAD_REQUEST",
    );
    expect((await caller.document.list({})).items).toEqual([]);
  });
});
