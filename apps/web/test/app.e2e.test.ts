import { fileURLToPath } from "node:url";
import {
  createDatabase,
  documents as documentsTable,
  eq,
  memberships,
  migrate,
  sql,
  users,
  workspaces,
  type DatabaseHandle,
} from "@transmute/db";
import { createLogger, parseEnv, startServer, type RunningServer } from "@transmute/server";
import { chromium, type Browser, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const webRoot = fileURLToPath(new URL("..", import.meta.url));
const WAIT = { timeout: 20_000 };

const LAUNCH_POST = `# Launch day

Transmute now turns documents into other documents. Every transformation runs as a job in the
background. Progress shows live in the browser, without a reload.

## What changed

- Pipelines chain several steps.
- Results can be saved as new documents.
`;

/** What the page records about itself while a transformation runs (see "watches …" below). */
interface Watch {
  /** Set once; a reload or navigation would start a new window without it. */
  sameDocument: true;
  /** The newest transformation's status text, with its progress while it has a bar. */
  seen: string[];
}

let database: DatabaseHandle | undefined;
let api: RunningServer | undefined;
let vite: ViteDevServer | undefined;
let browser: Browser | undefined;
let page: Page;
let appUrl: string;
const pageErrors: Error[] = [];

beforeAll(async () => {
  database = await createDatabase();
  await migrate(database);
  const parsed = parseEnv({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", NODE_ENV: "test" });
  if (!parsed.ok) throw new Error(parsed.message);
  api = await startServer(parsed.env, createLogger(parsed.env), database);

  vite = await createServer({
    root: webRoot,
    configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)),
    logLevel: "warn",
    server: {
      host: "127.0.0.1",
      port: 0,
      strictPort: true,
      hmr: false,
      proxy: { "/trpc": api.url },
    },
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0];
  if (!url) throw new Error("Vite did not report its address");
  appUrl = url;

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  page.on("pageerror", (error) => pageErrors.push(error));
});

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await api?.close();
  await database?.close();
});

// A journey through the app: each step starts where the previous one left the page.
describe("the web app in Chromium", () => {
  const documents = () => page.getByRole("list", { name: "Documents" });
  const transformations = (title: string) =>
    page.getByRole("region", { name: `Transformations of ${title}` });

  it("registers and lands in their own workspace", async () => {
    await page.goto(appUrl);
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();

    await page.getByRole("heading", { level: 1, name: "Ada Lovelace's workspace" }).waitFor();
    await page.getByText("Role: owner").waitFor();
  });

  it("creates a document and sees it in the list", async () => {
    const form = page.getByRole("form", { name: "New document" });
    await form.getByLabel("Title").fill("Release notes");
    await form.getByLabel("Format").selectOption("markdown");
    await form
      .getByLabel("Content")
      .fill("# Version 1\n\nFaster imports and a new summary transform.");
    await form.getByLabel("Tags").fill("launch, changelog");
    await form.getByRole("button", { name: "Create document" }).click();

    const item = documents().getByRole("article", { name: "Release notes" });
    await item.waitFor();
    expect(
      await item.getByRole("list", { name: "Tags" }).getByRole("listitem").allTextContents(),
    ).toEqual(["launch", "changelog"]);
    expect(await item.textContent()).toContain("Faster imports");
    // The form empties itself for the next document.
    expect(await form.getByLabel("Title").inputValue()).toBe("");
  });

  it("keeps the session across a reload through the stored refresh token", async () => {
    const refreshed = page.waitForResponse(
      (response) => response.url().includes("/trpc/auth.refresh"),
      WAIT,
    );
    await page.reload();
    expect((await refreshed).status()).toBe(200);

    await page.getByRole("heading", { level: 1, name: "Ada Lovelace's workspace" }).waitFor();
    await documents().getByRole("article", { name: "Release notes" }).waitFor();
  });

  it("edits the document and sees the new title", async () => {
    await page.getByRole("button", { name: "Edit Release notes" }).click();
    const form = page.getByRole("form", { name: "Edit Release notes" });
    const title = form.getByLabel("Title");
    await expect.poll(() => title.inputValue(), WAIT).toBe("Release notes");
    await title.fill("Release notes, final");
    await form.getByRole("button", { name: "Save changes" }).click();

    await documents().getByRole("article", { name: "Release notes, final" }).waitFor();
    await form.waitFor({ state: "detached" });
    expect(await documents().getByRole("article").count()).toBe(1);
  });

  it("tells the user to reload when someone else saved the document first", async () => {
    await page.getByRole("button", { name: "Edit Release notes, final" }).click();
    const form = page.getByRole("form", { name: "Edit Release notes, final" });
    const title = form.getByLabel("Title");
    await expect.poll(() => title.inputValue(), WAIT).toBe("Release notes, final");
    // Another writer's save, as far as optimistic concurrency can tell.
    await database!.db
      .update(documentsTable)
      .set({ version: sql`${documentsTable.version} + 1` })
      .where(eq(documentsTable.title, "Release notes, final"));
    await title.fill("Release notes, my edit");
    await form.getByRole("button", { name: "Save changes" }).click();

    const notice = form.getByRole("alert");
    await notice.getByText("Someone else changed this document").waitFor();
    await notice.getByRole("button", { name: "Reload document" }).click();
    await notice.waitFor({ state: "detached" });
    await expect.poll(() => title.inputValue(), WAIT).toBe("Release notes, final");
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  it("turns Markdown into HTML, watching the status change live without a reload", async () => {
    const form = page.getByRole("form", { name: "New document" });
    await form.getByLabel("Title").fill("Launch post");
    await form.getByLabel("Format").selectOption("markdown");
    await form.getByLabel("Content").fill(LAUNCH_POST);
    await form.getByRole("button", { name: "Create document" }).click();
    await documents().getByRole("article", { name: "Launch post", exact: true }).waitFor();

    await page.getByRole("button", { name: "Transform Launch post" }).click();
    const panel = transformations("Launch post");
    await panel.getByRole("status").getByText("Live", { exact: true }).waitFor();
    const step = panel.getByRole("group", { name: "Step 1" });
    // Kinds that cannot run are offered disabled, with the reason.
    const llm = step.getByRole("option", { name: /^Rewrite with AI/ });
    expect(await llm.isDisabled()).toBe(true);
    expect(await llm.textContent()).toContain("LLM_BASE_URL");
    // Upload kinds have their own entry point.
    expect(await step.getByRole("option", { name: /Import Word document/ }).count()).toBe(0);

    // The page notes every status it shows; a reload would lose the notes.
    await page.evaluate(() => {
      const watch: Watch = { sameDocument: true, seen: [] };
      Object.assign(window, { watch });
      new MutationObserver(() => {
        const newest = document.querySelector("[aria-label='Transformations'] > li");
        const status = newest?.querySelector(".status")?.textContent;
        const bar = newest?.querySelector("progress");
        const entry = bar ? `${status} ${bar.value}%` : status;
        if (entry && watch.seen.at(-1) !== entry) watch.seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    let navigations = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });

    await step.getByLabel("Kind").selectOption("markdown-to-html");
    await panel.getByRole("button", { name: "Start", exact: true }).click();
    const item = panel
      .getByRole("list", { name: "Transformations" })
      .getByRole("article", { name: "Markdown to HTML" });
    await item.getByText("Succeeded").waitFor();

    const watch = await page.evaluate(() => (window as unknown as { watch?: Watch }).watch);
    expect(watch?.sameDocument).toBe(true);
    expect(navigations).toBe(0);
    expect(watch!.seen.at(-1)).toBe("Succeeded");
    // Before that, it was shown waiting or running, with its progress bar.
    expect(watch!.seen.slice(0, -1)).toContainEqual(
      expect.stringMatching(/^(Queued|Running) \d+%$/),
    );
    // The live event carries status and progress; the attempt count arrives with the refetch.
    await item.getByText("Attempts: 1").waitFor();
  });

  it("shows the HTML result in a sandboxed frame, downloads it and saves it as a document", async () => {
    const item = transformations("Launch post").getByRole("article", { name: "Markdown to HTML" });
    await item.getByRole("button", { name: "Show result" }).click();
    const preview = item.getByTitle("Rendered result");
    expect(await preview.getAttribute("sandbox")).toBe("");
    await preview.contentFrame().getByRole("heading", { level: 1, name: "Launch day" }).waitFor();
    await preview.contentFrame().getByRole("listitem").getByText("Pipelines chain").waitFor();

    const download = page.waitForEvent("download", WAIT);
    await item.getByRole("button", { name: "Download" }).click();
    expect((await download).suggestedFilename()).toBe("Launch-post.markdown-to-html.html");

    await item.getByRole("button", { name: "Save as document" }).click();
    const save = item.getByRole("form", { name: "Save as document" });
    expect(await save.getByLabel("Title").inputValue()).toBe("Launch post (Markdown to HTML)");
    await save.getByLabel("Title").fill("Launch post, HTML");
    await save.getByRole("button", { name: "Save" }).click();
    await item.getByRole("status").getByText("Saved as “Launch post, HTML”").waitFor();

    const saved = documents().getByRole("article", { name: "Launch post, HTML", exact: true });
    await saved.waitFor();
    expect(await saved.textContent()).toContain("html");
  });

  it("splits the document into a thread of numbered posts that fit the length", async () => {
    const panel = transformations("Launch post");
    const step = panel.getByRole("group", { name: "Step 1" });
    await step.getByLabel("Kind").selectOption("social-thread");
    await step.getByLabel("Max length").fill("80");
    await panel.getByRole("button", { name: "Start", exact: true }).click();

    const item = panel.getByRole("article", { name: "Social thread" });
    await item.getByText("Succeeded").waitFor();
    await item.getByRole("button", { name: "Show result" }).click();
    const posts = item.getByRole("list", { name: "Posts" }).getByRole("listitem");
    await posts.first().waitFor();
    const texts = await posts.allTextContents();
    expect(texts.length).toBeGreaterThan(1);
    texts.forEach((text, index) => {
      const card = /^Post (\d+) of (\d+) · (\d+) characters(.+)$/s.exec(text);
      expect(card, text).not.toBeNull();
      const [, number, total, length, post] = card!;
      expect([Number(number), Number(total)]).toEqual([index + 1, texts.length]);
      expect(Number(length)).toBeLessThanOrEqual(80);
      expect(post).toMatch(new RegExp(` ${index + 1}/${texts.length}$`));
    });
  });

  it("runs a two-step pipeline and shows the statistics as a table", async () => {
    const panel = transformations("Launch post");
    const first = panel.getByRole("group", { name: "Step 1" });
    await first.getByLabel("Kind").selectOption("redact");
    // The list's items are checked by the server only, which explains its refusal.
    await first.getByLabel("Terms").fill(`Babbage\n${"x".repeat(101)}`);
    await panel.getByRole("button", { name: "Start", exact: true }).click();
    await panel
      .getByRole("alert")
      .getByText(/terms.*100 characters/)
      .waitFor();
    await first.getByLabel("Terms").fill("Babbage");
    await panel.getByRole("alert").waitFor({ state: "detached" });
    await panel.getByRole("button", { name: "Add step" }).click();
    const second = panel.getByRole("group", { name: "Step 2" });
    await second.getByLabel("Kind").selectOption("stats");
    // A JSON result ends a pipeline.
    expect(await panel.getByRole("button", { name: "Add step" }).isDisabled()).toBe(true);
    await panel.getByRole("button", { name: "Start", exact: true }).click();

    const item = panel.getByRole("article", { name: "Redact personal data → Statistics" });
    await item.getByText("Succeeded").waitFor();
    await item.getByRole("button", { name: "Show result" }).click();
    const words = item.getByRole("row", { name: /^Words/ });
    await words.waitFor();
    expect(Number(await words.getByRole("cell").textContent())).toBeGreaterThan(20);
  });

  it("signs out and forgets the refresh token", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  it("shows a viewer the documents of a workspace they switch to, without write controls", async () => {
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("Grace Hopper");
    await page.getByLabel("Email").fill("grace@example.com");
    await page.getByLabel("Password").fill("another long secret");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { level: 1, name: "Grace Hopper's workspace" }).waitFor();

    // The API has no invitations yet, so the membership is made directly.
    const db = database!.db;
    const [grace] = await db.select().from(users).where(eq(users.email, "grace@example.com"));
    const [ada] = await db
      .select()
      .from(workspaces)
      .where(eq(workspaces.name, "Ada Lovelace's workspace"));
    await db
      .insert(memberships)
      .values({ workspaceId: ada!.id, userId: grace!.id, role: "viewer" });
    await page.reload();

    const switcher = page.getByLabel("Workspace");
    await switcher
      .getByRole("option", { name: "Ada Lovelace's workspace (viewer)" })
      .waitFor({ state: "attached" });
    await switcher.selectOption({ label: "Ada Lovelace's workspace (viewer)" });

    await page.getByRole("heading", { level: 1, name: "Ada Lovelace's workspace" }).waitFor();
    await page.getByText("Role: viewer").waitFor();
    await documents().getByRole("article", { name: "Release notes, final" }).waitFor();
    expect(await page.getByRole("form", { name: "New document" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^(Edit|Delete) / }).count()).toBe(0);

    // Viewers watch transformations but cannot start, cancel or save them.
    await page.getByRole("button", { name: "Transformations of Launch post", exact: true }).click();
    const panel = transformations("Launch post");
    await panel.getByRole("article", { name: "Social thread" }).getByText("Succeeded").waitFor();
    expect(await panel.getByRole("form", { name: "Start a transformation" }).count()).toBe(0);
    expect(
      await panel.getByRole("button", { name: /^(Cancel|Retry|Save as document)$/ }).count(),
    ).toBe(0);
  });

  it("raised no uncaught errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
