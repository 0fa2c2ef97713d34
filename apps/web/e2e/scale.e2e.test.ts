import { createHash } from "node:crypto";
import { documents, eq, users } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, openUser, screenshot, WAIT, type UserPage } from "./support/browser";
import { startStack, type Stack } from "./support/stack";

const COUNT = 10_000;
const BATCH = 1_000;

/** What the page measured about its own load, read from the browser's performance timeline. */
interface LoadTimings {
  responseEnd: number;
  domContentLoaded: number;
  firstContentfulPaint: number | null;
  /** The documents list showed its first rows (the app's performance mark). */
  listReady: number;
  /** Long tasks (over 50 ms) the main thread ran, start and end, up to a second after the list was ready. */
  longTasks: { start: number; end: number }[];
}

const body = (i: number) =>
  `# Document ${i}\n\nNotes for week ${i % 52} of the ${i % 7 === 0 ? "platform" : "product"} team. ` +
  `Ticket ${i} covers search, imports and the transformation queue.`;

describeEachEngine(`a workspace with ${COUNT.toLocaleString("en")} documents`, (engine) => {
  let stack: Stack;
  let browser: Browser;
  let user: UserPage;
  let documentsUrl: string;

  beforeAll(async () => {
    stack = await startStack(engine);
    browser = await launchBrowser();
    user = await openUser(browser);
    await user.page.goto(`${stack.appUrl}/signup`);
    await user.page.getByLabel("Name").fill("Scale Tester");
    await user.page.getByLabel("Email").fill("scale@example.com");
    await user.page.getByLabel("Password").fill("many many documents");
    await user.page.getByRole("button", { name: "Create account" }).click();
    await user.page.getByRole("heading", { level: 1, name: "Documents" }).waitFor();
    documentsUrl = user.page.url();
    const workspaceId = /\/w\/([^/]+)/.exec(documentsUrl)![1]!;

    // Straight into the database, a thousand rows per statement: the list is under test, not
    // document.create.
    const [owner] = await stack.database.owner
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "scale@example.com"));
    const started = performance.now();
    for (let from = 0; from < COUNT; from += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, k) => {
        const i = from + k;
        const content = body(i);
        return {
          workspaceId,
          createdBy: owner!.id,
          title: `Document ${i}`,
          format: "markdown" as const,
          content,
          size: Buffer.byteLength(content),
          contentHash: createHash("sha256").update(content).digest("hex"),
          tags: [`team-${i % 10}`],
        };
      });
      await stack.database.owner.insert(documents).values(rows);
    }
    console.log(
      `[${engine}] seeded ${COUNT} documents in ${Math.round(performance.now() - started)} ms`,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("becomes interactive quickly on a fresh load, and prints its timings", async () => {
    // A new tab of the same browser: signed in through the stored refresh token, as on a return visit.
    const page = await user.context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(documentsUrl);
    await page.getByRole("list", { name: "Documents" }).getByRole("article").first().waitFor();
    await page.waitForTimeout(1_000);
    const timings = await page.evaluate(async (): Promise<LoadTimings> => {
      const navigation = performance.getEntriesByType(
        "navigation",
      )[0] as PerformanceNavigationTiming;
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const ready = performance.getEntriesByName("documents-interactive")[0]!;
      const longTasks = await new Promise<PerformanceEntry[]>((resolve) => {
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          resolve(list.getEntries());
        }).observe({ type: "longtask", buffered: true });
        // No long task at all: the observer never calls back.
        setTimeout(() => resolve([]), 200);
      });
      return {
        responseEnd: navigation.responseEnd,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        firstContentfulPaint: paint?.startTime ?? null,
        listReady: ready.startTime,
        longTasks: longTasks.map((task) => ({
          start: task.startTime,
          end: task.startTime + task.duration,
        })),
      };
    });
    // Interactive: the list is on screen and the main thread is free, i.e. the later of the
    // list's first rows and the end of the last long task begun before them.
    const blockedUntil = Math.max(
      0,
      ...timings.longTasks.filter((task) => task.start < timings.listReady).map((task) => task.end),
    );
    const interactive = Math.max(timings.listReady, blockedUntil);
    const after = timings.longTasks.filter((task) => task.start >= timings.listReady);
    const ms = (value: number | null) => (value === null ? "n/a" : `${Math.round(value)} ms`);
    console.log(
      [
        `[${engine}] documents page with ${COUNT} documents, fresh load:`,
        `  HTML received        ${ms(timings.responseEnd)}`,
        `  DOMContentLoaded     ${ms(timings.domContentLoaded)}`,
        `  first paint (FCP)    ${ms(timings.firstContentfulPaint)}`,
        `  first rows shown     ${ms(timings.listReady)}`,
        `  time to interactive  ${ms(interactive)}`,
        `  long tasks after it  ${after.length} (longest ${ms(Math.max(0, ...after.map((t) => t.end - t.start)))})`,
      ].join("\n"),
    );
    expect(interactive).toBeLessThan(8_000);
    await screenshot(page, engine, "documents-10k");
    await page.close();
  });

  it("scrolls through pages of documents with only the rows on screen in the page", async () => {
    const { page } = user;
    await page.goto(documentsUrl);
    const list = page.getByRole("list", { name: "Documents" });
    await list.getByRole("article", { name: `Document ${COUNT - 1}` }).waitFor();
    const rows = list.locator(":scope > li");
    // Each scroll to the end loads the next cursor page, until row 200 is on screen.
    const lastRow = async () => {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      return Number(await rows.last().getAttribute("aria-posinset"));
    };
    await expect.poll(lastRow, WAIT).toBeGreaterThanOrEqual(200);
    // Row n (counted from the newest) is "Document COUNT - n": read together, from one row.
    const last = await rows.last().evaluate((row) => ({
      position: Number(row.getAttribute("aria-posinset")),
      title: row.querySelector("article")?.getAttribute("aria-label"),
    }));
    expect(last.title).toBe(`Document ${COUNT - last.position}`);
    const position = last.position;
    const rendered = await rows.count();
    console.log(`[${engine}] scrolled to row ${position}; ${rendered} rows in the page`);
    expect(position).toBeGreaterThanOrEqual(200);
    expect(rendered).toBeLessThan(60);
  });

  it("finds one document among all of them, and filters by tag", async () => {
    const { page } = user;
    await page.goto(`${documentsUrl}?q=${encodeURIComponent('"Ticket 7777"')}`);
    const list = page.getByRole("list", { name: "Documents" });
    await expect.poll(() => list.getByRole("article").count(), WAIT).toBe(1);
    await list.getByRole("article", { name: "Document 7777", exact: true }).waitFor();

    await page.goto(`${documentsUrl}?tag=team-3`);
    await page.getByText("50+ documents found").waitFor();
    const titles = await list.getByRole("heading").allTextContents();
    expect(titles.every((title) => Number(title.replace("Document ", "")) % 10 === 3)).toBe(true);
  });

  it("fits at least 12 rows on a 1440×900 screen, and prints the first rows after Sign in", async () => {
    const screen = await openUser(browser, { viewport: { width: 1440, height: 900 } });
    const { page } = screen;
    await page.goto(`${stack.appUrl}/signin`);
    await page.getByLabel("Email").fill("scale@example.com");
    await page.getByLabel("Password").fill("many many documents");
    const pressed = await page.evaluate(() => performance.now());
    await page.getByRole("button", { name: "Sign in" }).click();
    const list = page.getByRole("list", { name: "Documents" });
    await list.getByRole("article").first().waitFor();
    const firstRows = await page.evaluate(
      () => performance.getEntriesByName("documents-interactive")[0]!.startTime,
    );
    const onScreen = await list.getByRole("article").evaluateAll(
      (rows) =>
        rows.filter((row) => {
          const box = row.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }).length,
    );
    console.log(
      [
        `[${engine}] 1440×900, production build, ${COUNT} documents:`,
        `  rows on screen                ${onScreen}`,
        `  first rows after "Sign in"    ${Math.round(firstRows - pressed)} ms`,
      ].join("\n"),
    );
    expect(onScreen).toBeGreaterThanOrEqual(12);
    expect(screen.errors).toEqual([]);
    await screen.context.close();
  });

  it("raised no uncaught errors in the page", () => {
    expect(user.errors).toEqual([]);
  });
});
