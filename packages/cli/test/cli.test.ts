import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createServer } from "node:net";
import { createTransmuteClient } from "@transmute/client";
import { createApiKey, signUp, startTestServer, type TestServer } from "@transmute/client/testing";
import { describeEachEngine } from "@transmute/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";

const cliDir = fileURLToPath(new URL("..", import.meta.url));
// What `bin` points at: the bundle, with @transmute/client inside.
const built = promisify(execFile)("pnpm", ["build"], { cwd: cliDir });
const PASSWORD = "long enough password";

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describeEachEngine("the transmute CLI", (engine) => {
  let server: TestServer;
  let home: string;
  let work: string;
  let email: string;
  let accounts = 0;

  /** Runs the built CLI as a user would, in its own process, with its config under a fresh home. */
  const transmute = (
    args: string[],
    options: { input?: string; env?: Record<string, string> } = {},
  ) =>
    new Promise<Result>((resolve) => {
      const { TRANSMUTE_API_KEY: _key, ...env } = process.env;
      const child = execFile(
        process.execPath,
        ["dist/main.js", ...args],
        {
          cwd: cliDir,
          env: { ...env, XDG_CONFIG_HOME: home, TRANSMUTE_URL: server.url, ...options.env },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(options.input ?? "");
    });

  const configFile = () => join(home, "transmute", "config.json");
  const readConfig = async () =>
    JSON.parse(await readFile(configFile(), "utf8")) as {
      credentials?: { type: string; refreshToken?: string; accessTokenExpiresAt?: string };
    };
  const login = () =>
    transmute(["login", "--email", email, "--password-stdin"], { input: `${PASSWORD}\n` });

  beforeAll(async () => {
    await built;
    server = await startTestServer(engine);
    work = await mkdtemp(join(tmpdir(), "transmute-cli-work-"));
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });
  afterEach(() => rm(home, { recursive: true, force: true }));
  beforeEach(async () => {
    // Every test starts signed out, as a new account with nothing in it.
    home = await mkdtemp(join(tmpdir(), "transmute-cli-home-"));
    accounts += 1;
    email = `cli-${engine}-${accounts}@example.test`;
    await signUp(server.url, { email, password: PASSWORD });
  });

  it("signs in, keeping the session in a file only the user can read", async () => {
    const wrong = await transmute(["login", "--email", email, "--password-stdin"], {
      input: "not the password",
    });
    expect(wrong).toMatchObject({ code: 3, stdout: "" });
    expect(wrong.stderr).toBe(
      "transmute: Wrong email or password (sign in with `transmute login` or `transmute use-key <key>`)\n",
    );
    await expect(stat(configFile())).rejects.toThrow();

    const signedIn = await login();
    expect(signedIn).toMatchObject({ code: 0, stdout: `Signed in to ${server.url} as ${email}\n` });
    expect((await stat(configFile())).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, "transmute"))).mode & 0o777).toBe(0o700);
    expect((await readConfig()).credentials?.type).toBe("session");

    const list = await transmute(["docs", "list", "--json"]);
    expect(list).toMatchObject({ code: 0, stdout: "[]\n" });
  });

  it("pushes, lists and pulls documents", async () => {
    await login();
    const file = join(work, `notes-${engine}.md`);
    await writeFile(file, "# Notes\n\nFrom the *terminal*.");
    const pushed = await transmute(["docs", "push", file, "--tag", "cli", "--tag", "weekly"]);
    expect(pushed.code).toBe(0);
    const id = pushed.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const list = await transmute(["docs", "list"]);
    expect(list.stdout).toMatch(
      new RegExp(`^ID +FORMAT +UPDATED +TITLE\n${id}  markdown .* notes-${engine}\n$`),
    );
    const listed = JSON.parse((await transmute(["docs", "list", "--json"])).stdout) as {
      id: string;
      tags: string[];
    }[];
    expect(listed.map((doc) => [doc.id, doc.tags])).toEqual([[id, ["cli", "weekly"]]]);

    expect((await transmute(["docs", "pull", id])).stdout).toBe("# Notes\n\nFrom the *terminal*.");
    const copy = join(work, `copy-${engine}.md`);
    expect(await transmute(["docs", "pull", id, "-o", copy])).toMatchObject({
      code: 0,
      stdout: "",
    });
    expect(await readFile(copy, "utf8")).toBe("# Notes\n\nFrom the *terminal*.");

    const missing = await transmute(["docs", "pull", "0190c5d6-0000-7000-8000-000000000000"]);
    expect(missing).toMatchObject({ code: 1, stderr: "transmute: Document not found\n" });
    const unreadable = await transmute(["docs", "push", join(work, "nope.md")]);
    expect(unreadable).toMatchObject({ code: 1 });
    expect(unreadable.stderr).toMatch(/Cannot read .*nope\.md: no such file/);
  });

  it("transforms a file, following its progress on stderr, and prints the output", async () => {
    await login();
    const file = join(work, `report-${engine}.md`);
    await writeFile(file, "# Report\n\nAll *good*.");
    const result = await transmute(["transform", file, "--kind", "markdown-to-html", "--wait"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("<h1>Report</h1>\n<p>All <em>good</em>.</p>\n");
    const lines = result.stderr.trim().split("\n");
    // The first line is where it stood when the wait began: queued, or already picked up.
    expect(lines[0]).toMatch(/^(queued|running) +\d+%$/);
    expect(lines.at(-1)).toMatch(/^succeeded +100%$/);
  });

  it("transforms a stored document with parameters, with or without waiting", async () => {
    await login();
    const file = join(work, `long-${engine}.txt`);
    await writeFile(file, "First point here. Second point there. Third point everywhere.");
    const id = (await transmute(["docs", "push", file])).stdout.trim();

    const started = await transmute(["transform", id, "--kind", "stats", "--json"]);
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ documentId: id, kind: "stats" });

    const summary = await transmute([
      "transform",
      id,
      "--kind",
      "summarize",
      "--param",
      "sentences=1",
      "--wait",
      "--json",
    ]);
    expect(summary.code).toBe(0);
    const done = JSON.parse(summary.stdout) as { status: string; params: unknown; output: string };
    expect(done).toMatchObject({ status: "succeeded", params: { sentences: 1 } });

    const refused = await transmute([
      "transform",
      id,
      "--kind",
      "summarize",
      "--param",
      "sentences=0",
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^transmute: .*sentences/);
  });

  it("lists the kinds, as a table or as JSON", async () => {
    await login();
    const human = await transmute(["kinds"]);
    expect(human.stdout).toMatch(/^KIND +INPUT +OUTPUT +PARAMS +DESCRIPTION\n/);
    expect(human.stdout).toMatch(/\nsummarize +markdown,html,text +text +sentences /);
    const kinds = JSON.parse((await transmute(["kinds", "--json"])).stdout) as { name: string }[];
    expect(kinds.map((kind) => kind.name)).toContain("markdown-to-html");
  });

  it("uses an API key, checking it before saving it, or one from TRANSMUTE_API_KEY", async () => {
    const { tokens } = await createTransmuteClient({ url: server.url }).auth.login.mutate({
      email,
      password: PASSWORD,
    });
    const key = await createApiKey(server.url, tokens.accessToken);

    const bogus = await transmute(["use-key", "tm_live_bogus"]);
    expect(bogus.code).toBe(3);
    await expect(stat(configFile())).rejects.toThrow();

    const used = await transmute(["use-key", key, "--json"]);
    expect(used.code).toBe(0);
    expect(JSON.parse(used.stdout)).toMatchObject({ url: server.url });
    expect((await readConfig()).credentials).toEqual({ type: "key", key });
    expect((await transmute(["docs", "list"])).stdout).toBe("No documents\n");

    await rm(configFile());
    const fromEnv = await transmute(["docs", "list", "--json"], {
      env: { TRANSMUTE_API_KEY: key },
    });
    expect(fromEnv).toMatchObject({ code: 0, stdout: "[]\n" });
  });

  it("renews an expired access token with the refresh token, and signs out", async () => {
    await login();
    const config = await readConfig();
    const before = config.credentials!.refreshToken;
    config.credentials!.accessTokenExpiresAt = new Date(Date.now() - 1000).toISOString();
    await writeFile(configFile(), JSON.stringify(config));

    expect(await transmute(["docs", "list"])).toMatchObject({ code: 0, stdout: "No documents\n" });
    const renewed = (await readConfig()).credentials!;
    expect(renewed.refreshToken).not.toBe(before);
    expect(Date.parse(renewed.accessTokenExpiresAt!)).toBeGreaterThan(Date.now());

    expect(await transmute(["logout"])).toMatchObject({ code: 0, stdout: "Signed out\n" });
    expect((await readConfig()).credentials).toBeUndefined();
    const after = await transmute(["docs", "list"]);
    expect(after).toMatchObject({
      code: 3,
      stderr: "transmute: Not signed in: run `transmute login` or `transmute use-key <key>`\n",
    });
  });

  it("tells a usage error (2) from a failure (1), with help for every command", async () => {
    expect(await transmute(["--version"])).toMatchObject({ code: 0, stdout: "0.1.0\n" });
    const unknown = await transmute(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const noKind = await transmute(["transform", "x"]);
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toContain("required option '--kind <kind>' not specified");
    const badParam = await transmute(["transform", "x", "--kind", "stats", "--param", "oops"]);
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toContain('Expected key=value, got "oops"');
    const badLimit = await transmute(["docs", "list", "--limit", "0"]);
    expect(badLimit.code).toBe(2);

    for (const command of [
      ["login"],
      ["use-key"],
      ["docs", "push"],
      ["docs", "pull"],
      ["transform"],
      ["kinds"],
    ]) {
      const help = await transmute([...command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: transmute ${command.join(" ")} `));
    }
  });

  it("pushes folders recursively and several files at once, with one progress bar", async () => {
    await login();
    const folder = join(work, `folder-${engine}`);
    await mkdir(join(folder, "nested"), { recursive: true });
    await writeFile(join(folder, "a.md"), "# A");
    await writeFile(join(folder, "nested", "b.html"), "<p>B</p>");
    await writeFile(join(folder, "skip.png"), "not a document");
    const single = join(work, `single-${engine}.txt`);
    await writeFile(single, "C");
    const pushed = await transmute(["docs", "push", folder, single, "--json"]);
    expect(pushed.code).toBe(0);
    const documents = JSON.parse(pushed.stdout) as { file: string; format: string }[];
    expect(
      documents.map((document) => [document.file.slice(work.length), document.format]),
    ).toEqual([
      [`/folder-${engine}/a.md`, "markdown"],
      [`/folder-${engine}/nested/b.html`, "html"],
      [`/single-${engine}.txt`, "text"],
    ]);
    expect(pushed.stderr.trim().split("\n").at(-1)).toMatch(/^3\/3 +100%$/);
  });

  it("runs several --kinds as a pipeline, and refuses a parameter no step takes", async () => {
    await login();
    const file = join(work, `pipeline-${engine}.md`);
    await writeFile(file, "# Title\n\nOne sentence here. Another sentence there. A third one.");
    const result = await transmute([
      "transform",
      file,
      ...["--kind", "markdown-to-html", "--kind", "to-plain-text", "--kind", "summarize"],
      ...["--param", "summarize.sentences=1", "--wait", "--json"],
    ]);
    expect(result.code).toBe(0);
    const done = JSON.parse(result.stdout) as { kind: string; params: unknown; status: string };
    expect(done.status).toBe("succeeded");
    expect(done.params).toMatchObject({
      steps: [
        { kind: "markdown-to-html" },
        { kind: "to-plain-text" },
        { kind: "summarize", params: { sentences: 1 } },
      ],
    });

    const misspelt = await transmute([
      "transform",
      file,
      "--kind",
      "summarize",
      "--param",
      "sentense=2",
    ]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain(
      'No step takes the parameter "sentense" (summarize: sentences)',
    );
    const unknownKind = await transmute(["transform", file, "--kind", "sumarize"]);
    expect(unknownKind.code).toBe(2);
    expect(unknownKind.stderr).toContain('Unknown kind "sumarize"');
    const badValue = await transmute([
      "transform",
      file,
      "--kind",
      "summarize",
      "--param",
      "sentences=0",
      "--json",
    ]);
    expect(badValue.code).toBe(1);
    expect(JSON.parse(badValue.stderr)).toMatchObject({
      error: { code: "BAD_REQUEST", message: expect.stringContaining("sentences") as string },
    });
  });

  it("creates, lists and revokes API keys, and the key works until revoked", async () => {
    await login();
    const created = await transmute([
      "keys",
      "create",
      "ci",
      "--scope",
      "documents:read",
      "--expires-in-days",
      "30",
    ]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^tm_live_/);
    const keyed = { env: { TRANSMUTE_API_KEY: secret } };
    expect((await transmute(["docs", "list"], keyed)).code).toBe(0);

    const listed = JSON.parse((await transmute(["keys", "list", "--json"])).stdout) as {
      id: string;
      name: string;
      status: string;
      scopes: string[];
    }[];
    expect(listed.map(({ name, status, scopes }) => ({ name, status, scopes }))).toEqual([
      { name: "ci", status: "active", scopes: ["documents:read"] },
    ]);
    expect((await transmute(["keys", "revoke", listed[0]!.id])).code).toBe(0);
    const refused = await transmute(["docs", "list", "--json"], keyed);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });

  it("says plainly what went wrong, without a stack, as JSON with --json", async () => {
    await login();
    const closed = await closedPort();
    const down = await transmute(["docs", "list", "--url", closed]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      `transmute: Cannot reach Transmute: connect ECONNREFUSED ${closed.slice(7)}\n`,
    );
    await rm(configFile());
    const asJson = await transmute(["kinds", "--json"]);
    expect(asJson.code).toBe(3);
    expect(JSON.parse(asJson.stderr)).toEqual({
      error: {
        message: "Not signed in: run `transmute login` or `transmute use-key <key>`",
        exitCode: 3,
      },
    });
  });
});

/** The URL of a port nothing listens on. */
async function closedPort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
