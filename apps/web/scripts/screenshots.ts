// `pnpm --filter @transmute/web screenshots [prefix]`: builds the app, starts the API on a fresh
// embedded database with a few documents and a finished transformation, signs in in Chromium and
// saves the main pages to docs/screenshots/ (light and dark at 1440×900, and a phone), named
// `<prefix>-<page>-<variant>.png` (prefix default "app").
import { mkdirSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppRouter } from "@transmute/api";
import { createTestDatabase } from "@transmute/db/testing";
import { createLogger, parseEnv, startServer } from "@transmute/server";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { Page } from "playwright-core";
import superjson from "superjson";
import { build, preview } from "vite";
import { launchBrowser } from "../e2e/support/browser";
import { sampleDocuments } from "./sampleDocuments";

const root = fileURLToPath(new URL("..", import.meta.url));
const shotsDir = path.join(root, "..", "..", "docs", "screenshots");
const prefix = process.argv[2] ?? "app";
const email = "ada@example.com";
const password = "correct horse battery staple";

const variants = [
  { name: "light", viewport: { width: 1440, height: 900 }, colorScheme: "light" },
  { name: "dark", viewport: { width: 1440, height: 900 }, colorScheme: "dark" },
  { name: "phone", viewport: { width: 390, height: 844 }, colorScheme: "light", isMobile: true },
] as const;

const outDir = mkdtempSync(path.join(tmpdir(), "transmute-web-shots-"));
const database = await createTestDatabase("pglite");
const parsed = parseEnv({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", NODE_ENV: "test" });
if (!parsed.ok) throw new Error(parsed.message);
const api = await startServer(parsed.env, createLogger(parsed.env), database);
try {
  await build({
    root,
    configFile: path.join(root, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  const web = await preview({
    root,
    configFile: path.join(root, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0, proxy: { "/trpc": api.url } },
  });
  const appUrl = web.resolvedUrls!.local[0]!.replace(/\/$/, "");
  const { workspaceId, transformationId, documentId } = await seed(`${api.url}/trpc`);
  const pages = {
    documents: `/w/${workspaceId}`,
    document: `/w/${workspaceId}/documents/${documentId}`,
    transformation: `/w/${workspaceId}/transformations/${transformationId}`,
  };
  mkdirSync(shotsDir, { recursive: true });
  const browser = await launchBrowser();
  for (const variant of variants) {
    const context = await browser.newContext(variant);
    const page = await context.newPage();
    await signIn(page, appUrl);
    for (const [name, target] of Object.entries(pages)) {
      await page.goto(`${appUrl}${target}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(shotsDir, `${prefix}-${name}-${variant.name}.png`) });
    }
    await context.close();
  }
  await browser.close();
  await web.close();
} finally {
  await api.close();
  await database.destroy();
  rmSync(outDir, { recursive: true, force: true });
}

async function signIn(page: Page, appUrl: string) {
  await page.goto(`${appUrl}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\//);
}

async function seed(url: string) {
  let token: string | null = null;
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
  const registered = await client.auth.register.mutate({
    email,
    password,
    name: "Ada Lovelace",
    workspaceName: "Analytical Engines",
  });
  token = registered.tokens.accessToken;
  let documentId = "";
  for (const document of sampleDocuments) {
    documentId = (await client.document.create.mutate(document)).id;
  }
  const { id } = await client.transformation.create.mutate({
    documentId,
    steps: [{ kind: "markdown-to-html", params: {} }],
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const current = await client.transformation.get.query({ id });
    if (current.status === "succeeded") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { workspaceId: registered.workspace.id, transformationId: id, documentId };
}
