import { documents as documentsTable, eq, sql, transformations } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { buildDocx } from "@transmute/transform/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  openUser,
  screenshot,
  WAIT,
  type UserPage,
} from "./support/browser";
import { startStack, type Stack } from "./support/stack";

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

const workspaceIdOf = (page: Page) => /\/w\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1];

// A journey through the app: each step starts where the previous one left the page. Run once per
// database engine, each against its own server and database.
describeEachEngine("the web app in Chromium", (engine) => {
  let stack: Stack;
  let browser: Browser;
  let ada: UserPage;
  let grace: UserPage;
  let page: Page;
  let app: (path: string) => string;
  let adaWorkspace: string;
  const users_: UserPage[] = [];
  const shot = (target: Page, name: string) => screenshot(target, engine, name);
  const heading = (target: Page, name: string | RegExp) =>
    target.getByRole("heading", { level: 1, name }).waitFor();
  const documentList = (target: Page) => target.getByRole("list", { name: "Documents" });
  const toasts = (target: Page) => target.getByRole("region", { name: "Notifications" });

  const open = async (options?: Parameters<typeof openUser>[1]) => {
    const user = await openUser(browser, options);
    users_.push(user);
    return user;
  };

  const signUp = async (target: Page, name: string, email: string, password: string) => {
    await target.getByLabel("Name").fill(name);
    await target.getByLabel("Email").fill(email);
    await target.getByLabel("Password", { exact: true }).fill(password);
    await target.getByRole("button", { name: "Create account" }).click();
  };

  const createDocument = async (target: Page, title: string, content: string, tags = "") => {
    await target.goto(app(`/w/${workspaceIdOf(target) ?? adaWorkspace}/documents/new`));
    const form = target.getByRole("form", { name: "New document" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Tags").fill(tags);
    await form.getByLabel("Content").fill(content);
    await form.getByRole("button", { name: "Create document" }).click();
    await heading(target, title);
  };

  beforeAll(async () => {
    stack = await startStack(engine);
    app = (path) => `${stack.appUrl}${path}`;
    browser = await launchBrowser();
    ada = await open();
    page = ada.page;
    await ada.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: stack.appUrl,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("shows a visitor what Transmute does, then the sign-in page, whose JS is the entry alone", async () => {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    const favicon = page.waitForResponse((response) => response.url().endsWith("/favicon.svg"));
    await page.goto(app("/"));
    await heading(page, /^Write once/);
    expect((await favicon).status()).toBe(200);
    await shot(page, "welcome");
    await expectAccessible(page, "the front door");
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await heading(page, "Sign in");
    expect(new URL(page.url()).pathname).toBe("/signin");
    // No page of the signed-in app is downloaded for it.
    expect(scripts.filter((script) => /Page|SignedInApp/.test(script))).toEqual([]);
    await shot(page, "sign-in");
    await expectAccessible(page, "the sign-in page");
  });

  it("signs up, with the server's objections shown under the field they concern", async () => {
    await page.getByRole("link", { name: "Create an account" }).click();
    await heading(page, "Create an account");
    await signUp(page, "Ada Lovelace", "ada@example.com", "password123");
    const password = page.getByLabel("Password", { exact: true });
    await page.getByText(/too common/).waitFor();
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await password.getAttribute("aria-describedby"))!.split(" ");
    const description = await Promise.all(
      describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(description.join(" ")).toMatch(/too common/);
    // Focus goes to the field to fix.
    expect(await password.evaluate((element) => element === document.activeElement)).toBe(true);

    await password.fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await heading(page, "Documents");
    adaWorkspace = workspaceIdOf(page)!;
    expect(new URL(page.url()).pathname).toBe(`/w/${adaWorkspace}/documents`);
    await page.getByLabel(/^Workspace: Ada Lovelace's workspace owner/).waitFor();
    await page.getByText("No documents yet.").waitFor();
    await expectAccessible(page, "the empty documents page");
  });

  it("writes Markdown with a live preview, using the shortcut for a new document", async () => {
    await page.keyboard.press("n");
    await heading(page, "New document");
    const form = page.getByRole("form", { name: "New document" });
    await form.getByLabel("Title").fill("Release notes");
    await form.getByLabel("Tags").fill("launch, changelog");
    await form
      .getByLabel("Content")
      .fill("# Version 1\n\nFaster imports and a new summary transform.");
    const preview = page.getByRole("region", { name: "Preview" }).locator("iframe");
    await preview.contentFrame().getByRole("heading", { level: 1, name: "Version 1" }).waitFor();
    expect(await preview.getAttribute("sandbox")).toBe("");
    await shot(page, "editor");
    await expectAccessible(page, "the editor");

    await page.keyboard.press("Control+s");
    await heading(page, "Release notes");
    await toasts(page).getByText("Created “Release notes”.").waitFor();
    const rendered = page.getByRole("region", { name: "Content" }).locator("iframe");
    await rendered.contentFrame().getByText("Faster imports").waitFor();
    expect(
      await page.getByRole("list", { name: "Tags" }).getByRole("listitem").allTextContents(),
    ).toEqual(["launch", "changelog"]);
  });

  it("keeps the session across a reload through the stored refresh token", async () => {
    const refreshed = page.waitForResponse(
      (response) => response.url().includes("/trpc/auth.refresh"),
      WAIT,
    );
    await page.reload();
    expect((await refreshed).status()).toBe(200);
    await heading(page, "Release notes");
  });

  it("imports Markdown with the file picker, HTML by drag and drop, and a Word file", async () => {
    await page.goto(app(`/w/${adaWorkspace}/documents/new`));
    await page.getByLabel("Import a file…").setInputFiles({
      name: "roadmap-2025.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("# Roadmap 2025\n\n- Faster search\n- Pipelines\n"),
    });
    const form = page.getByRole("form", { name: "New document" });
    await expect.poll(() => form.getByLabel("Title").inputValue(), WAIT).toBe("Roadmap 2025");
    expect(await form.getByLabel("Format").inputValue()).toBe("markdown");
    await page.getByText("Imported “roadmap-2025.md” as Markdown.").waitFor();
    await form.getByRole("button", { name: "Create document" }).click();
    await heading(page, "Roadmap 2025");

    await page.goto(app(`/w/${adaWorkspace}/documents/new`));
    await heading(page, "New document");
    await page.evaluate(() => {
      const file = new File(
        [
          "<html><head><title>Team handbook</title></head><body><h1>Welcome</h1><p>Read me.</p></body></html>",
        ],
        "handbook.html",
        { type: "text/html" },
      );
      const data = new DataTransfer();
      data.items.add(file);
      const zone = document.querySelector(".drop-zone")!;
      zone.dispatchEvent(
        new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }),
      );
      zone.dispatchEvent(
        new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    });
    await expect.poll(() => form.getByLabel("Title").inputValue(), WAIT).toBe("Team handbook");
    expect(await form.getByLabel("Format").inputValue()).toBe("html");
    await form.getByRole("button", { name: "Create document" }).click();
    await heading(page, "Team handbook");

    await page.goto(app(`/w/${adaWorkspace}/documents/new`));
    await page.getByLabel("Import a file…").setInputFiles({
      name: "report.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(await buildDocx()),
    });
    await heading(page, "Quarterly report");
    await toasts(page)
      .getByText(/^Imported “Quarterly report”/)
      .waitFor();
    const rendered = page.getByRole("region", { name: "Content" }).locator("iframe");
    await rendered.contentFrame().getByText("Revenue grew").waitFor();
  });

  it("pastes a web page's selection as HTML into an empty document", async () => {
    await page.goto(app(`/w/${adaWorkspace}/documents/new`));
    const form = page.getByRole("form", { name: "New document" });
    await form.getByLabel("Title").fill("Pasted page");
    const content = form.getByLabel("Content");
    await content.focus();
    await content.evaluate((area) => {
      const data = new DataTransfer();
      data.setData(
        "text/html",
        '<meta charset="utf-8"><h2>Pricing</h2><p>Free for <b>teams</b>.</p>',
      );
      data.setData("text/plain", "Pricing\nFree for teams.");
      area.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await expect
      .poll(() => content.inputValue(), WAIT)
      .toBe("<h2>Pricing</h2><p>Free for <b>teams</b>.</p>");
    expect(await form.getByLabel("Format").inputValue()).toBe("html");
    await page.getByText(/Pasted as HTML/).waitFor();
    await form.getByRole("button", { name: "Create document" }).click();
    await heading(page, "Pasted page");
  });

  it("searches, filters by tag and opens documents from the keyboard, with working back and forward", async () => {
    await page.getByRole("link", { name: "Documents", exact: true }).click();
    await heading(page, "Documents");
    await documentList(page).getByRole("article", { name: "Pasted page" }).waitFor();
    await shot(page, "documents");
    await expectAccessible(page, "the documents page");

    await page.keyboard.press("/");
    await page.keyboard.type("roadmap");
    await expect.poll(() => new URL(page.url()).searchParams.get("q"), WAIT).toBe("roadmap");
    await expect.poll(() => documentList(page).getByRole("article").count(), WAIT).toBe(1);
    await documentList(page).getByRole("article", { name: "Roadmap 2025" }).waitFor();

    await page.getByLabel("Search documents").fill("");
    await expect.poll(() => documentList(page).getByRole("article").count(), WAIT).toBe(5);
    await documentList(page).getByRole("link", { name: "Show documents tagged launch" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("tag"), WAIT).toBe("launch");
    await expect.poll(() => documentList(page).getByRole("article").count(), WAIT).toBe(1);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get("tag"), WAIT).toBeNull();
    await expect.poll(() => documentList(page).getByRole("article").count(), WAIT).toBe(5);
    await page.goForward();
    await expect.poll(() => documentList(page).getByRole("article").count(), WAIT).toBe(1);

    // j selects the first row (its link takes the focus), Enter opens it.
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("j");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), WAIT)
      .toBe("Release notes");
    await page.keyboard.press("Enter");
    await heading(page, "Release notes");
    await page.goBack();
    await heading(page, "Documents");
    expect(new URL(page.url()).searchParams.get("tag")).toBe("launch");
  });

  it("shows the shortcuts in force on `?`", async () => {
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    const text = await help.textContent();
    expect(text).toContain("New document");
    expect(text).toContain("Search the documents");
    expect(text).toContain("Next document");
    await expectAccessible(page, "the shortcut help");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });
  });

  it("asks before leaving an edit with unsaved changes, by link or by the back button", async () => {
    await page.getByRole("link", { name: "Show documents tagged launch" }).waitFor();
    await page.goto(app(`/w/${adaWorkspace}/documents`));
    await documentList(page).getByRole("link", { name: "Edit Release notes" }).click();
    const form = page.getByRole("form", { name: "Edit Release notes" });
    await expect.poll(() => form.getByLabel("Title").inputValue(), WAIT).toBe("Release notes");
    await form.getByLabel("Title").fill("Release notes, final");
    await page.getByText("Unsaved changes").waitFor();

    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page
      .getByRole("navigation", { name: "Workspace" })
      .getByRole("link", { name: "Activity" })
      .click();
    await expect.poll(() => asked.length, WAIT).toBe(1);
    expect(asked[0]).toMatch(/unsaved changes/);
    await heading(page, /^Edit/);

    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goBack();
    await expect.poll(() => asked.length, WAIT).toBe(2);
    expect(new URL(page.url()).pathname).toMatch(/\/edit$/);
    expect(await form.getByLabel("Title").inputValue()).toBe("Release notes, final");

    await form.getByRole("button", { name: "Save changes" }).click();
    await heading(page, "Release notes, final");
    await toasts(page).getByText("Saved “Release notes, final”.").waitFor();
  });

  it("shows what someone else changed when they saved first, and lets the user keep their edit", async () => {
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    const form = page.getByRole("form", { name: "Edit Release notes, final" });
    const content = form.getByLabel("Content");
    await expect.poll(() => content.inputValue(), WAIT).toContain("Faster imports");
    // Another writer's save, as far as optimistic concurrency can tell.
    await stack.database.owner
      .update(documentsTable)
      .set({
        content: "# Version 1\n\nFaster imports, by Grace.",
        version: sql`${documentsTable.version} + 1`,
      })
      .where(eq(documentsTable.title, "Release notes, final"));
    await content.fill(
      "# Version 1\n\nFaster imports and a new summary transform.\n\nAlso: dark mode.",
    );
    await form.getByRole("button", { name: "Save changes" }).click();

    const notice = form
      .getByRole("alert")
      .filter({ hasText: "Someone else changed this document" });
    await notice.waitFor();
    const diff = notice.getByRole("figure", { name: "Their version compared with yours" });
    expect(await diff.locator("del").allTextContents()).toEqual(["Faster imports, by Grace."]);
    expect(await diff.locator("ins").allTextContents()).toEqual([
      "Faster imports and a new summary transform.",
      " ",
      "Also: dark mode.",
    ]);
    await shot(page, "edit-conflict");
    await notice.getByRole("button", { name: "Save mine over theirs" }).click();
    await heading(page, "Release notes, final");
    const rendered = page.getByRole("region", { name: "Content" }).locator("iframe");
    await rendered.contentFrame().getByText("Also: dark mode.").waitFor();
  });

  it("deletes with undo: Undo brings the document back, letting the offer end deletes it", async () => {
    await page.goto(app(`/w/${adaWorkspace}/documents`));
    const row = documentList(page).getByRole("article", { name: "Pasted page" });
    await row.getByRole("button", { name: "Delete Pasted page" }).click();
    await row.waitFor({ state: "detached" });
    const toast = toasts(page).getByRole("listitem").filter({ hasText: "Deleted “Pasted page”." });
    await toast.getByRole("button", { name: "Undo" }).click();
    await row.waitFor();

    await row.getByRole("button", { name: "Delete Pasted page" }).click();
    await row.waitFor({ state: "detached" });
    const deleted = page.waitForResponse((response) => response.url().includes("document.delete"));
    await toast.getByRole("button", { name: "Dismiss notification" }).click();
    expect((await deleted).status()).toBe(200);
    await page.reload();
    await documentList(page).getByRole("article", { name: "Release notes, final" }).waitFor();
    expect(await row.count()).toBe(0);
  });

  it("turns Markdown into HTML, watching the status change live without a reload", async () => {
    await createDocument(page, "Launch post", LAUNCH_POST, "launch");
    const panel = page.getByRole("region", { name: "Transformations of Launch post" });
    await panel.getByRole("status").getByText("Live", { exact: true }).waitFor();
    const step = panel.getByRole("group", { name: "Step 1" });
    // Kinds that cannot run are offered disabled, with the reason.
    const llm = step.getByRole("option", { name: /^Rewrite with AI/ });
    expect(await llm.isDisabled()).toBe(true);
    expect(await llm.textContent()).toContain("LLM_BASE_URL");

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
    expect(watch!.seen.slice(0, -1)).toContainEqual(
      expect.stringMatching(/^(Queued|Running) \d+%$/),
    );
    await item.getByText("Attempts: 1").waitFor();
    await shot(page, "document");
    await expectAccessible(page, "a document with its transformations");
  });

  it("compares input and output side by side and as differences, downloads, copies and saves the result", async () => {
    const panel = page.getByRole("region", { name: "Transformations of Launch post" });
    await panel
      .getByRole("link", { name: /^Compare with the document.*Markdown to HTML$/ })
      .click();
    await heading(page, "Markdown to HTML");
    // Both sides rendered the same way, in frames that run no scripts, each with its source.
    const output = page.getByRole("region", { name: "Output" });
    const input = page.getByRole("region", { name: "Input" });
    for (const [side, title] of [
      [output, "the result, rendered"],
      [input, "the document, rendered"],
    ] as const) {
      const frame = side.getByTitle(title);
      expect(await frame.getAttribute("sandbox")).not.toContain("allow-scripts");
      await frame.contentFrame().getByRole("heading", { level: 1, name: "Launch day" }).waitFor();
      // Grown to its content: nothing is cut off.
      expect(
        await frame.evaluate(
          (element: HTMLIFrameElement) =>
            element.contentDocument!.body.scrollHeight <= element.clientHeight,
        ),
      ).toBe(true);
    }
    await input.getByRole("button", { name: "Source" }).click();
    expect(await input.textContent()).toContain("# Launch day");
    await shot(page, "transformation-side-by-side");
    await expectAccessible(page, "the transformation page");

    // Markdown became HTML: every source line differs, so the rendered text is compared.
    await page.getByRole("button", { name: "Differences" }).click();
    await page.getByText(/their rendered text is compared/).waitFor();
    await page.getByText("No differences: both texts are the same.").waitFor();
    await shot(page, "transformation-differences");

    const download = page.waitForEvent("download", WAIT);
    await page.getByRole("button", { name: "Download" }).click();
    expect((await download).suggestedFilename()).toBe("Launch-post.markdown-to-html.html");

    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByText("Copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      "<h1>Launch day</h1>",
    );

    await page.getByRole("button", { name: "Save as document" }).click();
    const save = page.getByRole("form", { name: "Save as document" });
    expect(await save.getByLabel("Title").inputValue()).toBe("Launch post (Markdown to HTML)");
    await save.getByLabel("Title").fill("Launch post, HTML");
    await save.getByRole("button", { name: "Save" }).click();
    await page.getByRole("link", { name: "Launch post, HTML" }).click();
    await heading(page, "Launch post, HTML");
  });

  it("puts the server's objection to a parameter under that parameter", async () => {
    await page.goto(app(`/w/${adaWorkspace}/documents`));
    await documentList(page).getByRole("link", { name: "Launch post", exact: true }).click();
    const panel = page.getByRole("region", { name: "Transformations of Launch post" });
    const step = panel.getByRole("group", { name: "Step 1" });
    await step.getByLabel("Kind").selectOption("redact");
    // Each item's length is checked by the server only.
    await step.getByLabel("Terms").fill(`Babbage\n${"x".repeat(101)}`);
    await panel.getByRole("button", { name: "Start", exact: true }).click();
    await step.getByText(/100 characters/).waitFor();
    expect(await step.getByLabel("Terms").getAttribute("aria-invalid")).toBe("true");
    await step.getByLabel("Terms").fill("Babbage");
    await step.getByText(/100 characters/).waitFor({ state: "detached" });
    await panel.getByRole("button", { name: "Add step" }).click();
    await panel.getByRole("group", { name: "Step 2" }).getByLabel("Kind").selectOption("stats");
    await panel.getByRole("button", { name: "Start", exact: true }).click();
    await panel
      .getByRole("article", { name: "Redact personal data → Statistics" })
      .getByText("Succeeded")
      .waitFor();
  });

  it("cancels a waiting transformation and retries it", async () => {
    const [doc] = await stack.database.owner
      .select()
      .from(documentsTable)
      .where(eq(documentsTable.title, "Launch post"));
    // Queued without a job: it waits until canceled, however fast the worker is.
    const [waiting] = await stack.database.owner
      .insert(transformations)
      .values({ workspaceId: doc!.workspaceId, documentId: doc!.id, kind: "stats", params: {} })
      .returning();
    await page.goto(app(`/w/${adaWorkspace}/transformations/${waiting!.id}`));
    await heading(page, "Statistics");
    await page.getByText("Queued", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("Canceled", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Retry" }).click();
    await page.getByText("Succeeded", { exact: true }).waitFor();
    await page.getByRole("row", { name: /^Words/ }).waitFor();
  });

  it("finds documents by the start of a word, the match marked, and suggests the workspace's tags", async () => {
    await page.goto(app(`/w/${adaWorkspace}/documents`));
    await page.getByLabel("Search documents").fill("launc");
    const launch = documentList(page).getByRole("article", { name: "Launch post", exact: true });
    await launch.waitFor();
    expect(await launch.locator("mark").first().textContent()).toMatch(/^launch/i);
    expect(new URL(page.url()).searchParams.get("q")).toBe("launc");
    await page.getByLabel("Search documents").fill("");

    const known = await page
      .locator("#known-tags option")
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(known).toContain("launch");
    // A half-typed tag filters nothing while its suggestions are read.
    const tag = page.getByLabel("Tag", { exact: true });
    await tag.fill("lau");
    await page.waitForTimeout(600);
    expect(new URL(page.url()).searchParams.get("tag")).toBeNull();
    expect(await documentList(page).getByRole("article").count()).toBeGreaterThan(1);
    await tag.fill("launch");
    await expect.poll(() => new URL(page.url()).searchParams.get("tag"), WAIT).toBe("launch");
    // Every row left carries the tag.
    const rowsAndTagged = async () => [
      await documentList(page).getByRole("article").count(),
      await documentList(page).getByRole("link", { name: "Show documents tagged launch" }).count(),
    ];
    await expect.poll(rowsAndTagged, WAIT).toEqual([2, 2]);
    await tag.fill("");
  });

  it("goes anywhere, and runs a transformation on the open document, from Ctrl+K", async () => {
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.getByRole("combobox").fill("activ");
    await palette.getByRole("option", { name: "Activity" }).waitFor();
    await expectAccessible(page, "the command palette");
    await palette.getByRole("option", { name: "Activity" }).click();
    await heading(page, "Activity");
    await palette.waitFor({ state: "detached" });

    await page.keyboard.press("Control+k");
    await palette.getByRole("combobox").fill("launch po");
    await palette.getByRole("option", { name: "Launch post", exact: true }).click();
    await heading(page, "Launch post");
    await page.keyboard.press("Control+k");
    await palette.getByRole("combobox").fill("statistics");
    await palette.getByRole("option", { name: /Statistics/ }).click();
    await heading(page, /Statistics/);
    await page.getByText("Succeeded", { exact: true }).first().waitFor();
  });

  it("lists the workspace's transformations on the activity page, filtered by status", async () => {
    await page.keyboard.press("g");
    await page.keyboard.press("a");
    await heading(page, "Activity");
    const list = page.getByRole("list", { name: "Transformations" });
    await list.getByRole("article", { name: "Markdown to HTML of Launch post" }).waitFor();
    await page.getByLabel("Status").selectOption("succeeded");
    await expect.poll(() => new URL(page.url()).searchParams.get("status"), WAIT).toBe("succeeded");
    await expect
      .poll(
        async () =>
          (await list.locator(".status").allTextContents()).every((s) => s === "Succeeded"),
        WAIT,
      )
      .toBe(true);
    await shot(page, "activity");
    await expectAccessible(page, "the activity page");
  });

  it("invites a member by link; the invitee signs up with the invited address and joins", async () => {
    await page
      .getByRole("navigation", { name: "Workspace" })
      .getByRole("link", { name: "Members" })
      .click();
    await heading(page, "Members");
    const invite = page.getByRole("form", { name: "Invite someone" });
    await invite.getByLabel("Email").fill("grace@example.com");
    await invite.getByLabel("Role").selectOption("editor");
    await invite.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(new RegExp(`^${stack.appUrl}/invite/[A-Za-z0-9_-]{20,}$`));
    const invitations = page.getByRole("list", { name: "Invitations" });
    await invitations.getByText("grace@example.com").waitFor();
    await shot(page, "members");
    await expectAccessible(page, "the members page");

    grace = await open();
    await grace.page.goto(link);
    // The link says which workspace, who invited, and as what, before any sign-in.
    await heading(grace.page, "Join Ada Lovelace's workspace");
    expect(await grace.page.locator("main").textContent()).toMatch(
      /Ada Lovelace invited you to Ada Lovelace's workspace on Transmute as editor\..*grace@example\.com/,
    );
    await expectAccessible(grace.page, "an invitation for a visitor");
    await grace.page.getByRole("link", { name: "Create an account" }).click();
    await heading(grace.page, "Create an account");
    // Sign-up takes the invited address.
    expect(await grace.page.getByLabel("Email").inputValue()).toBe("grace@example.com");
    await signUp(grace.page, "Grace Hopper", "grace@example.com", "another long secret");
    await heading(grace.page, "Accept the invitation");
    await grace.page.getByText("(grace@example.com)").waitFor();
    await grace.page.getByRole("button", { name: "Accept the invitation" }).click();
    await heading(grace.page, "Documents");
    expect(workspaceIdOf(grace.page)).toBe(adaWorkspace);
    await grace.page.getByLabel(/^Workspace: Ada Lovelace's workspace editor/).waitFor();
    await documentList(grace.page)
      .getByRole("article", { name: "Launch post", exact: true })
      .waitFor();

    await page.reload();
    await invitations.getByText("Accepted").waitFor();
  });

  it("changes a role at once and revokes an invitation", async () => {
    const members = page.getByRole("list", { name: "Members" });
    await members.getByLabel("Role of Grace Hopper").selectOption("viewer");
    await toasts(page).getByText("Grace Hopper is now viewer.").waitFor();

    await grace.page.reload();
    await grace.page.getByLabel(/^Workspace: Ada Lovelace's workspace viewer/).waitFor();
    await documentList(grace.page)
      .getByRole("article", { name: "Launch post", exact: true })
      .waitFor();
    expect(await grace.page.getByRole("link", { name: "New document" }).count()).toBe(0);
    expect(await grace.page.getByRole("button", { name: /^Delete / }).count()).toBe(0);

    const invite = page.getByRole("form", { name: "Invite someone" });
    await invite.getByLabel("Email").fill("bob@example.com");
    await invite.getByRole("button", { name: "Create invitation link" }).click();
    const invitations = page.getByRole("list", { name: "Invitations" });
    await invitations
      .getByRole("button", { name: "Revoke the invitation of bob@example.com" })
      .click();
    await invitations
      .getByRole("listitem")
      .filter({ hasText: "bob@example.com" })
      .getByText("Revoked")
      .waitFor();
  });

  it("keeps two workspaces apart: neither user sees the other's documents", async () => {
    // Grace goes to her own workspace, made when she signed up, and writes a document there.
    await grace.page.getByLabel(/^Workspace: /).click();
    await grace.page
      .getByRole("navigation", { name: "Your workspaces" })
      .getByRole("link", { name: /Grace Hopper's workspace/ })
      .click();
    await grace.page.getByLabel(/^Workspace: Grace Hopper's workspace owner/).waitFor();
    const graceWorkspace = workspaceIdOf(grace.page)!;
    expect(graceWorkspace).not.toBe(adaWorkspace);
    await createDocument(grace.page, "Secret compiler plans", "Only for Grace.");
    const graceDocument = new URL(grace.page.url()).pathname.split("/").at(-1)!;
    await grace.page.getByRole("link", { name: "Documents", exact: true }).click();
    await documentList(grace.page)
      .getByRole("article", { name: "Secret compiler plans" })
      .waitFor();
    expect(
      await documentList(grace.page).getByRole("article", { name: "Launch post" }).count(),
    ).toBe(0);

    // Ada sees none of it: not in her list, not by search, not by the document's id.
    await page.goto(app(`/w/${adaWorkspace}/documents?q=secret`));
    await page.getByText("No document matches.").waitFor();
    await page.goto(app(`/w/${adaWorkspace}/documents/${graceDocument}`));
    await heading(page, "Document not found");
    await page.goto(app(`/w/${graceWorkspace}/documents/${graceDocument}`));
    await heading(page, "Workspace not available");
    await page.getByText("This workspace does not exist, or you are not a member of it.").waitFor();
  });

  it("creates a workspace, switches between workspaces from the menu, and deletes one", async () => {
    const menu = page.getByLabel(/^Workspace: /);
    const yourWorkspaces = page.getByRole("navigation", { name: "Your workspaces" });
    await menu.click();
    await page.getByRole("link", { name: "Create a workspace…" }).click();
    await heading(page, "Create a workspace");
    await page
      .getByRole("form", { name: "Create a workspace" })
      .getByLabel("Name")
      .fill("Research");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.getByLabel(/^Workspace: Research owner/).waitFor();
    await page.getByText("No documents yet.").waitFor();

    await menu.click();
    await yourWorkspaces.getByRole("link", { name: /Ada Lovelace's workspace/ }).click();
    await page.getByLabel(/^Workspace: Ada Lovelace's workspace owner/).waitFor();
    await documentList(page).getByRole("article", { name: "Launch post", exact: true }).waitFor();

    await menu.click();
    await yourWorkspaces.getByRole("link", { name: /Research/ }).click();
    await page.getByLabel(/^Workspace: Research owner/).waitFor();
    await page.keyboard.press("g");
    await page.keyboard.press("s");
    await heading(page, "Workspace settings");
    const remove = page.getByRole("form", { name: "Delete the workspace" });
    const confirm = remove.getByRole("button", { name: "Delete Research" });
    expect(await confirm.isDisabled()).toBe(true);
    await remove.getByLabel("Type “Research” to confirm").fill("Research");
    await confirm.click();
    // Deleting a workspace ends the sign-ins that were in it: the server's rule, said up front.
    await heading(page, "Sign in");
    await page.getByText(/The workspace was deleted/).waitFor();
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel(/^Workspace: Ada Lovelace's workspace owner/).waitFor();
    await menu.click();
    await yourWorkspaces.getByRole("link", { name: /Ada Lovelace's workspace/ }).waitFor();
    expect(await yourWorkspaces.getByRole("link", { name: /Research/ }).count()).toBe(0);
    await page.keyboard.press("Escape");
  });

  it("lists the account's sessions, signs out another one, and changes the password", async () => {
    const laptop = await open();
    await laptop.page.goto(app("/signin"));
    await laptop.page.getByLabel("Email").fill("ada@example.com");
    await laptop.page.getByLabel("Password").fill("correct horse battery");
    await laptop.page.getByRole("button", { name: "Sign in" }).click();
    await heading(laptop.page, "Documents");

    await page.keyboard.press("g");
    await page.keyboard.press("p");
    await heading(page, "Your account");
    const sessions = page.getByRole("list", { name: "Sessions" });
    await expect.poll(() => sessions.getByRole("listitem").count(), WAIT).toBe(2);
    await sessions.getByText("This browser").waitFor();
    await shot(page, "account");
    await expectAccessible(page, "the account page");
    await sessions.getByRole("button", { name: /^Sign out Chrome on Linux/ }).click();
    await expect.poll(() => sessions.getByRole("listitem").count(), WAIT).toBe(1);
    // The other browser's refresh token no longer works: a reload lands on the sign-in page.
    await laptop.page.reload();
    await heading(laptop.page, "Sign in");

    // Two more sign-ins, ended together.
    for (const other of [await open(), await open()]) {
      await other.page.goto(app("/signin"));
      await other.page.getByLabel("Email").fill("ada@example.com");
      await other.page.getByLabel("Password").fill("correct horse battery");
      await other.page.getByRole("button", { name: "Sign in" }).click();
      await heading(other.page, "Documents");
    }
    await page.reload();
    await heading(page, "Your account");
    await page.getByRole("button", { name: "Sign out all other sessions (2)" }).click();
    await expect.poll(() => sessions.getByRole("listitem").count(), WAIT).toBe(1);
    await sessions.getByText("This browser").waitFor();

    const form = page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("not my password");
    await form.getByLabel("New password", { exact: true }).fill("a brand new secret");
    await form.getByLabel("Repeat the new password").fill("a brand new secret");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("The current password is wrong").waitFor();
    expect(await form.getByLabel("Current password").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Current password").fill("correct horse battery");
    await form.getByLabel("New password", { exact: true }).fill("a brand new secret");
    await form.getByLabel("Repeat the new password").fill("a brand new secret");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText(/^Password changed/).waitFor();
  });

  it("shows an admin the audit log, filtered by action", async () => {
    await page.goto(app(`/w/${adaWorkspace}/audit`));
    await heading(page, "Audit log");
    const log = page.getByRole("list", { name: "Audit log" });
    await log.getByRole("article", { name: "Changed a role" }).waitFor();
    await log.getByRole("article", { name: "Invited someone" }).first().waitFor();
    await page.getByLabel("Action").selectOption("member.role_changed");
    await expect.poll(() => log.getByRole("article").count(), WAIT).toBe(1);
    expect(await log.textContent()).toContain("Grace Hopper (grace@example.com)");
    await shot(page, "audit-log");
    await expectAccessible(page, "the audit log");

    // A viewer is told the log is for admins.
    await grace.page.goto(app(`/w/${adaWorkspace}/audit`));
    await grace.page.getByText("Only admins and owners can read the audit log.").waitFor();
  });

  it("removes a member after asking, and logs it", async () => {
    await page.goto(app(`/w/${adaWorkspace}/members`));
    const members = page.getByRole("list", { name: "Members" });
    await members.getByRole("button", { name: "Remove Grace Hopper from the workspace" }).click();
    await members
      .getByRole("group", { name: "Confirm removing Grace Hopper" })
      .getByRole("button", { name: "Remove Grace Hopper" })
      .click();
    await members.getByText("grace@example.com").waitFor({ state: "detached" });
    await page.reload();
    await members.getByText("ada@example.com").waitFor();
    expect(await members.getByText("grace@example.com").count()).toBe(0);
    await page.goto(app(`/w/${adaWorkspace}/audit?action=member.removed`));
    const removed = page
      .getByRole("list", { name: "Audit log" })
      .getByRole("article", { name: "Removed a member" });
    await removed.waitFor();
    // Named by the entry itself: Grace is no longer among the members.
    expect(await removed.textContent()).toContain("Grace Hopper (grace@example.com)");
  });

  it("switches to the dark theme, and stays accessible in it", async () => {
    await page.goto(app(`/w/${adaWorkspace}/documents`));
    await documentList(page).getByRole("article").first().waitFor();
    const toggle = page.getByRole("button", { name: /^Theme: / });
    while (!(await toggle.getAttribute("aria-label"))!.startsWith("Theme: Dark"))
      await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.reload();
    await documentList(page).getByRole("article").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await shot(page, "documents-dark");
    await expectAccessible(page, "the documents page in the dark theme");
    await page.goto(app(`/w/${adaWorkspace}/members`));
    await heading(page, "Members");
    await expectAccessible(page, "the members page in the dark theme");
  });

  it("fits a phone: the navigation folds behind a Menu button", async () => {
    const phone = await open({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      colorScheme: "dark",
    });
    await phone.page.goto(app("/signin"));
    await phone.page.getByLabel("Email").fill("ada@example.com");
    await phone.page.getByLabel("Password").fill("a brand new secret");
    await phone.page.getByRole("button", { name: "Sign in" }).click();
    await heading(phone.page, "Documents");
    const nav = phone.page.getByRole("navigation", { name: "Workspace" });
    expect(await nav.isVisible()).toBe(false);
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await shot(phone.page, "documents-phone");
    await expectAccessible(phone.page, "the documents page on a phone");
    const menu = phone.page.getByRole("button", { name: "Menu" });
    await menu.click();
    await nav.waitFor();
    await expectAccessible(phone.page, "the open menu on a phone");
    await phone.page.keyboard.press("Escape");
    await nav.waitFor({ state: "hidden" });
    await menu.click();
    await nav.waitFor();
    await phone.page.mouse.click(370, 104);
    await nav.waitFor({ state: "hidden" });
    await menu.click();
    await nav.getByRole("link", { name: "Activity" }).click();
    await heading(phone.page, "Activity");
    await nav.waitFor({ state: "hidden" });
  });

  it("signs out, and a deep link leads back to its page after signing in again", async () => {
    const documentUrl = app(`/w/${adaWorkspace}/documents`);
    await page.getByLabel(/^Account menu for Ada Lovelace/).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await heading(page, "Sign in");
    expect(await page.evaluate(() => localStorage.getItem("transmute.refreshToken"))).toBeNull();

    const [launch] = await stack.database.owner
      .select({ id: documentsTable.id })
      .from(documentsTable)
      .where(eq(documentsTable.title, "Launch post"));
    await page.goto(`${documentUrl}/${launch!.id}`);
    await heading(page, "Sign in");
    expect(new URL(page.url()).searchParams.get("next")).toBe(
      `/w/${adaWorkspace}/documents/${launch!.id}`,
    );
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("a brand new secret");
    await page.getByRole("button", { name: "Sign in" }).click();
    await heading(page, "Launch post");
  });

  it("raised no uncaught errors in any page", () => {
    expect(users_.flatMap((user) => user.errors)).toEqual([]);
  });
});
