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
  });

  it("raised no uncaught errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
