import { mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import { expect } from "vitest";
import { webRoot } from "./buildApp";

export const WAIT = { timeout: 20_000 };

/** Screenshots of the key pages, kept as test artifacts (git-ignored). */
export const artifactsDir = path.join(webRoot, "e2e", "artifacts");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page, which no test expects. */
  errors: Error[];
}

/** A browser profile of its own (storage, session) with one tab, as a separate person would have. */
export async function openUser(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<UserPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  return { context, page, errors };
}

export async function screenshot(page: Page, engine: string, name: string) {
  const dir = path.join(artifactsDir, engine);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Runs axe-core in the page and fails on serious or critical violations, naming each with the
 * elements concerned. Frames are skipped: they are sandboxed renderings of user content.
 */
export async function expectAccessible(page: Page, label: string) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ content: axe.source });
  }
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      iframes: false,
      resultTypes: ["violations"],
    });
    return result.violations;
  });
  // Every violation counts in the printed figure; serious and critical ones fail the test.
  console.log(
    `axe: ${label}: ${violations.length} violation${violations.length === 1 ? "" : "s"}${violations.length ? ` (${violations.map((violation) => `${violation.id}/${violation.impact}`).join(", ")})` : ""}`,
  );
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => JSON.stringify(node.target))
          .join(", ")}`,
    );
  expect(serious, `accessibility of ${label}`).toEqual([]);
}
