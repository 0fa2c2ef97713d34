import { hostileInput, listProcedures, tenantSnapshot } from "@transmute/api/testing";
import { describeEachEngine } from "@transmute/db/testing";
import fc from "fast-check";
import { afterAll, expect, it } from "vitest";
import { useServer } from "./support";

/** Generated inputs per procedure and engine; the total is printed after the run. */
const RUNS_PER_PROCEDURE = 60;

describeEachEngine("hostile input over HTTP", (engine) => {
  const running = useServer(engine);
  let attempts = 0;
  afterAll(() => console.info(`hostile input [${engine}]: ${attempts} generated requests`));

  async function register(label: string) {
    const response = await send("mutation", "auth.register", {
      email: `${label}-${Date.now()}@example.test`,
      password: "a long enough password",
      name: label,
    });
    const { result } = JSON.parse(response.text) as {
      result: {
        data: {
          json: {
            tokens: { accessToken: string };
            workspace: { id: string };
            user: { id: string };
          };
        };
      };
    };
    return result.data.json;
  }

  /** A raw request, as any client could send it: no typed client smoothing anything over. */
  async function send(type: string, path: string, input: unknown, token?: string) {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const envelope = input === undefined ? undefined : JSON.stringify({ json: input });
    const url = new URL(`${running.server.url}/trpc/${path}`);
    if (type === "mutation") {
      const response = await fetch(url, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: envelope ?? "",
      });
      return { status: response.status, text: await response.text() };
    }
    if (envelope !== undefined) url.searchParams.set("input", envelope);
    if (type === "query") {
      const response = await fetch(url, { headers });
      return { status: response.status, text: await response.text() };
    }
    // A subscription that starts is ended after its first bytes; only its opening matters.
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body!.getReader();
    const first = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
    ]);
    abort.abort();
    const text = first?.value ? new TextDecoder().decode(first.value) : "";
    return { status: response.status, text };
  }

  it("never answers generated or malformed input with a 500, a stack trace or a change to another tenant", async () => {
    const a = await register("hostile-a");
    const b = await register("hostile-b");
    const created = await send(
      "mutation",
      "document.create",
      { title: "B's", format: "text", content: "belongs to B" },
      b.tokens.accessToken,
    );
    const bDocumentId = (JSON.parse(created.text) as { result: { data: { json: { id: string } } } })
      .result.data.json.id;
    const bIds = [b.workspace.id, b.user.id, bDocumentId];
    const before = await tenantSnapshot(running.database.owner, b.workspace.id);

    const failures: string[] = [];
    for (const procedure of listProcedures()) {
      await fc.assert(
        fc.asyncProperty(
          hostileInput(procedure.input, bIds),
          fc.boolean(),
          async (input, signedIn) => {
            attempts++;
            const { status, text } = await send(
              procedure.type,
              procedure.path,
              input,
              signedIn ? a.tokens.accessToken : undefined,
            );
            const problem =
              status >= 500
                ? `status ${status}`
                : /INTERNAL_SERVER_ERROR|"stack"|\n\s+at /.test(text)
                  ? `leaked: ${text.slice(0, 300)}`
                  : null;
            // Collected, not thrown: one report of every problem, without a megabyte-long
            // counterexample in it.
            if (problem) {
              failures.push(
                `${procedure.path} ${JSON.stringify(input)?.slice(0, 200)}: ${problem}`,
              );
            }
          },
        ),
        { numRuns: RUNS_PER_PROCEDURE },
      );
    }

    expect(failures).toEqual([]);
    expect(await tenantSnapshot(running.database.owner, b.workspace.id)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);
});
