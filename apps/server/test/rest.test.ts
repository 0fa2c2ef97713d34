import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { AppRouter } from "@transmute/api";
import { describeEachEngine } from "@transmute/db/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { expect, it } from "vitest";
import { useServer } from "./support";

const run = promisify(execFile);

/** The fields these tests read from an answer. */
interface Answer {
  id: string;
  createdAt: string;
  documentId: string;
  status: string;
  items: { id: string }[];
  code: string;
  message: string;
  issues: unknown;
}

describeEachEngine("REST and OpenAPI", (engine) => {
  const running = useServer(engine);

  const trpc = (token?: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${running.server.url}/trpc`,
          transformer: superjson,
          headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        }),
      ],
    });

  let accounts = 0;
  async function keyFor(
    scopes: (
      "documents:read" | "documents:write" | "transformations:read" | "transformations:run"
    )[],
  ) {
    accounts += 1;
    const { tokens } = await trpc().auth.register.mutate({
      email: `rest-${accounts}-${Date.now()}@example.test`,
      password: "long enough password",
      name: `Rest ${accounts}`,
    });
    const { secret } = await trpc(tokens.accessToken).apiKey.create.mutate({
      name: "curl",
      scopes,
    });
    return secret;
  }

  /** curl, as an integrator without TypeScript would call the API: status and parsed JSON. */
  async function curl(key: string | null, method: string, path: string, body?: unknown) {
    const args = ["-s", "-w", "\n%{http_code}", "-X", method, `${running.server.url}${path}`];
    if (key) args.push("-H", `Authorization: Bearer ${key}`);
    if (body !== undefined)
      args.push("-H", "Content-Type: application/json", "--data", JSON.stringify(body));
    const { stdout } = await run("curl", args);
    const end = stdout.lastIndexOf("\n");
    return {
      status: Number(stdout.slice(end + 1)),
      json: JSON.parse(stdout.slice(0, end)) as Answer,
    };
  }

  it("publishes a valid OpenAPI 3.1 document of every procedure a key may call", async () => {
    const response = await fetch(`${running.server.url}/openapi.json`);
    const document = (await response.json()) as { openapi: string; paths: Record<string, object> };
    expect(document.openapi).toBe("3.1.0");
    const verdict = await new Validator().validate(document);
    expect(verdict.errors ?? []).toEqual([]);
    expect(verdict.valid).toBe(true);
    const operations = Object.values(document.paths).flatMap((path) => Object.keys(path));
    // Every key-callable procedure but the live subscription, which SSE serves.
    expect(operations).toHaveLength(15);
  });

  it("renders the document at /docs from the server itself, under the CSP", async () => {
    const page = await fetch(`${running.server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    for (const asset of html.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)) {
      const file = await fetch(`${running.server.url}${asset[1]}`);
      expect(file.status, asset[1]).toBe(200);
    }
  });

  it("serves plain JSON with ISO dates, the same scopes, isolation and error codes, to curl", async () => {
    const key = await keyFor([
      "documents:read",
      "documents:write",
      "transformations:read",
      "transformations:run",
    ]);
    const created = await curl(key, "POST", "/v1/documents", {
      title: "From curl",
      format: "markdown",
      content: "# Hello\n\nFrom a shell script. It has words.",
    });
    expect(created.status).toBe(200);
    expect(created.json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const id = created.json.id;

    const list = await curl(key, "GET", "/v1/documents?limit=5");
    expect(list.status).toBe(200);
    expect(list.json.items.map((item) => item.id)).toEqual([id]);

    const started = await curl(key, "POST", `/v1/documents/${id}/transformations`, {
      steps: [{ kind: "summarize", params: { sentences: 1 } }],
    });
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ documentId: id, status: "queued" });
    const got = await curl(key, "GET", `/v1/transformations/${started.json.id}`);
    expect(got.json.id).toBe(started.json.id);

    const unknownParam = await curl(key, "POST", `/v1/documents/${id}/transformations`, {
      steps: [{ kind: "summarize", params: { sentense: 1 } }],
    });
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.json.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(unknownParam.json.issues)).toContain("sentense");

    const stranger = await keyFor(["documents:read"]);
    const theirs = await curl(stranger, "GET", `/v1/documents/${id}`);
    const missing = await curl(
      stranger,
      "GET",
      "/v1/documents/01900000-0000-7000-8000-000000000000",
    );
    expect(theirs.status).toBe(404);
    expect(theirs.json).toMatchObject({ code: "NOT_FOUND", message: missing.json.message });
    expect(missing.status).toBe(404);

    const readOnly = await curl(stranger, "POST", "/v1/documents", {
      title: "x",
      format: "text",
      content: "x",
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.code).toBe("FORBIDDEN");

    const anonymous = await curl(null, "GET", "/v1/documents");
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.code).toBe("UNAUTHORIZED");
  });
});
