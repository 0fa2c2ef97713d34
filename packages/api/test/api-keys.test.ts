import { createHash } from "node:crypto";
import { and, apiKeys, apiScopes, documents, eq, memberships, queryRows, sql } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { rejection, useApi } from "./harness";
import { callProcedure, outcome } from "./support/call";
import { sampleFor } from "./support/json-schema";
import { listProcedures } from "./support/procedures";

const procedures = listProcedures().filter((procedure) => procedure.access !== "public");
const inputFor = (procedure: (typeof procedures)[number]) =>
  procedure.input ? sampleFor(procedure.input) : undefined;

/** What each scope opens, as the README's table says. Everything else is for people only. */
const scopeTable: Record<(typeof apiScopes)[number], string[]> = {
  "documents:read": ["document.get", "document.list", "document.tags"],
  "documents:write": [
    "document.create",
    "document.delete",
    "document.importDocx",
    "document.update",
    "transformation.saveAsDocument",
  ],
  "transformations:read": [
    "transformation.get",
    "transformation.kinds",
    "transformation.list",
    "transformation.onChange",
    "transformation.output",
  ],
  "transformations:run": ["transformation.cancel", "transformation.create", "transformation.retry"],
};

it("lets keys call only the workspace procedures of the scope table", () => {
  const keyCallable = procedures.filter((procedure) => procedure.scope !== undefined);
  expect(keyCallable.filter((procedure) => procedure.access !== "workspace")).toEqual([]);
  const actual = Object.fromEntries(
    apiScopes.map((scope) => [
      scope,
      keyCallable
        .filter((procedure) => procedure.scope === scope)
        .map((procedure) => procedure.path)
        .sort(),
    ]),
  );
  expect(actual).toEqual(scopeTable);
  const anyKey = keyCallable.filter((procedure) => procedure.scope === "any");
  expect(anyKey.map((procedure) => procedure.path)).toEqual(["workspace.current"]);
});

describeEachEngine("API keys", (engine) => {
  const api = useApi(engine, { worker: true });

  async function keyOf(
    owner: Awaited<ReturnType<typeof api.signUp>>,
    scopes: (typeof apiScopes)[number][],
    extra: { expiresInDays?: number } = {},
  ) {
    return owner.caller.apiKey.create({ name: `key ${scopes.join(" ")}`, scopes, ...extra });
  }

  it("refuses every procedure whose scope the key lacks, naming it, and people-only ones outright", async () => {
    const owner = await api.signUp("scopes");
    const everything = (await keyOf(owner, [...apiScopes])).secret;
    const wrong: unknown[] = [];
    for (const procedure of procedures) {
      const { scope } = procedure;
      // The signal ends a subscription that started fine (callProcedure waits for it to stop).
      const call = (secret: string) =>
        outcome(
          callProcedure(api.as(secret, AbortSignal.timeout(1_000)), procedure, inputFor(procedure)),
        );
      if (!scope) {
        const answer = await call(everything);
        if (answer.ok || answer.code !== "FORBIDDEN" || !answer.message.includes("API keys cannot"))
          wrong.push({ path: procedure.path, withEveryScope: answer });
        continue;
      }
      if (scope === "any") {
        const single = await call((await keyOf(owner, ["documents:read"])).secret);
        if (!single.ok) wrong.push({ path: procedure.path, anyKey: single });
        continue;
      }
      const others = apiScopes.filter((s) => s !== scope);
      const without = await call((await keyOf(owner, others)).secret);
      if (without.ok || without.code !== "FORBIDDEN" || !without.message.includes(`"${scope}"`))
        wrong.push({ path: procedure.path, without: without });
      const only = await call((await keyOf(owner, [scope])).secret);
      // Past the gate, the sample input may still be refused (a random id is NOT_FOUND).
      if (!only.ok && ["FORBIDDEN", "UNAUTHORIZED"].includes(only.code))
        wrong.push({ path: procedure.path, only });
    }
    expect(wrong).toEqual([]);
  });

  it("acts in its workspace like a member, under the same tenant isolation, crediting no one", async () => {
    const owner = await api.signUp("acting");
    const other = await api.signUp("acting-other");
    await other.caller.document.create({ title: "Not yours", format: "text", content: "x" });
    const { secret } = await keyOf(owner, ["documents:read", "documents:write"]);
    const key = api.as(secret);

    const created = await key.document.create({ title: "By key", format: "text", content: "Hi" });
    expect(created).toMatchObject({ workspaceId: owner.workspace.id, createdBy: null });
    expect((await owner.caller.document.get({ id: created.id })).title).toBe("By key");
    const listed = await key.document.list({});
    expect(listed.items.map((document) => document.id)).toEqual([created.id]);
  });

  it("shows the secret once and stores only its SHA-256 and a short prefix", async () => {
    const owner = await api.signUp("secret");
    const { apiKey, secret } = await keyOf(owner, ["documents:read"]);
    expect(secret).toMatch(/^tm_live_[\w-]{43}$/);
    expect(apiKey).toMatchObject({ prefix: secret.slice(0, 14), status: "active" });
    expect(JSON.stringify(await owner.caller.apiKey.list())).not.toContain(secret.slice(14));
    const [stored] = await api.db
      .select({ hash: apiKeys.keyHash })
      .from(apiKeys)
      .where(eq(apiKeys.id, apiKey.id));
    expect(stored!.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    const rows = await queryRows(api.db, sql`select to_jsonb(k)::text as row from api_keys k`);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(14));
  });

  it("refuses a revoked key at once, and logs who created and revoked it", async () => {
    const { owner, admin, editor } = await api.team();
    const { apiKey, secret } = await admin.caller.apiKey.create({
      name: "CI",
      scopes: ["documents:read"],
    });
    await api.as(secret).document.list({});
    await rejection(editor.caller.apiKey.revoke({ apiKeyId: apiKey.id }), "FORBIDDEN");
    const revoked = await owner.caller.apiKey.revoke({ apiKeyId: apiKey.id });
    expect(revoked.status).toBe("revoked");
    const refused = await rejection(api.as(secret).document.list({}), "UNAUTHORIZED");
    expect(refused.message).toBe("This API key has been revoked");
    // Revoking again changes nothing and logs nothing.
    await owner.caller.apiKey.revoke({ apiKeyId: apiKey.id });

    const { items } = await owner.caller.audit.list({});
    expect(items.filter((e) => e.action.startsWith("api_key.")).map((e) => e.action)).toEqual([
      "api_key.revoked",
      "api_key.created",
    ]);
    expect(items.find((e) => e.action === "api_key.created")).toMatchObject({
      actorId: admin.user.id,
      targetId: apiKey.id,
      details: { name: "CI", prefix: apiKey.prefix, scopes: ["documents:read"] },
    });
    expect(items.find((e) => e.action === "api_key.revoked")).toMatchObject({
      actorId: owner.user.id,
      targetId: apiKey.id,
    });
  });

  it("refuses an expired key and an unknown one", async () => {
    const owner = await api.signUp("expiry");
    const { apiKey, secret } = await keyOf(owner, ["documents:read"], { expiresInDays: 30 });
    expect(apiKey.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    await api.as(secret).document.list({});
    await api.db
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, apiKey.id));
    const expired = await rejection(api.as(secret).document.list({}), "UNAUTHORIZED");
    expect(expired.message).toBe("This API key has expired");
    expect((await owner.caller.apiKey.list())[0]).toMatchObject({ status: "expired" });

    const unknown = await rejection(api.as(`${secret}x`).document.list({}), "UNAUTHORIZED");
    expect(unknown.message).toBe("Invalid API key");
  });

  it("stamps last use at most once a minute, not on every call", async () => {
    const owner = await api.signUp("last-used");
    const { apiKey, secret } = await keyOf(owner, ["documents:read"]);
    const lastUsed = async () =>
      (
        await api.db
          .select({ at: apiKeys.lastUsedAt })
          .from(apiKeys)
          .where(eq(apiKeys.id, apiKey.id))
      )[0]!.at;
    expect(await lastUsed()).toBeNull();
    await api.as(secret).document.list({});
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.as(secret).document.list({});
    await api.as(secret).document.list({});
    expect(await lastUsed()).toEqual(first);

    await api.db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now() - interval '61 seconds'` })
      .where(eq(apiKeys.id, apiKey.id));
    const before = Date.now();
    await api.as(secret).document.list({});
    expect((await lastUsed())!.getTime()).toBeGreaterThan(before - 5_000);
  });

  it("keeps working when the admin who made it leaves, since it belongs to the workspace", async () => {
    const { owner, admin } = await api.team();
    const { secret } = await admin.caller.apiKey.create({
      name: "Outlives",
      scopes: ["documents:read"],
    });
    await admin.caller.workspace.removeMember({ userId: admin.user.id });
    const [gone] = await api.db
      .select()
      .from(memberships)
      .where(
        and(eq(memberships.workspaceId, owner.workspace.id), eq(memberships.userId, admin.user.id)),
      );
    expect(gone).toBeUndefined();
    expect((await api.as(secret).document.list({})).items).toEqual([]);
  });

  it("follows live transformation events over the subscription", async () => {
    const owner = await api.signUp("live");
    const { secret } = await keyOf(owner, [
      "documents:write",
      "transformations:run",
      "transformations:read",
    ]);
    const key = api.as(secret);
    const document = await key.document.create({
      title: "Live",
      format: "text",
      content: "One sentence. Another one.",
    });
    const controller = new AbortController();
    const stream = await api.as(secret, controller.signal).transformation.onChange({});
    const events = stream[Symbol.asyncIterator]();
    const first = events.next();
    const created = await key.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    const statuses: string[] = [];
    for (let next = await first; !next.done; next = await events.next()) {
      const [, event] = next.value as unknown as [
        string,
        { status: string; transformationId: string },
      ];
      if (event.transformationId === created.id) statuses.push(event.status);
      if (event.status === "succeeded") break;
    }
    controller.abort();
    expect(statuses.at(-1)).toBe("succeeded");
    const [row] = await api.db
      .select({ createdBy: documents.createdBy })
      .from(documents)
      .where(eq(documents.id, document.id));
    expect(row).toEqual({ createdBy: null });
  });
});
