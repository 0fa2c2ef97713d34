import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { rejection, useApi } from "./harness";

/** What PostgreSQL cannot store in text or jsonb, as a JSON client can send it. */
const unstorable = { nul: "a\u0000b", "lone surrogate": "x\ud800y" };

describeEachEngine("text PostgreSQL cannot store", (engine) => {
  const api = useApi(engine);

  for (const [what, value] of Object.entries(unstorable)) {
    it(`refuses a ${what} with a BAD_REQUEST naming the field, in every kind of text input`, async () => {
      const { caller } = await api.signUp("unstorable");
      const refused = async (call: Promise<unknown>, field: string) => {
        const error = await rejection(call, "BAD_REQUEST");
        const issues = (error.cause as { issues: { path: PropertyKey[]; message: string }[] })
          .issues;
        // As the HTTP layer words it (trpc.ts): the field's path, then what is wrong.
        const named = issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
        expect(named, JSON.stringify(named)).toContain(
          `${field}: Text must not contain NUL characters or unpaired UTF-16 surrogates`,
        );
      };
      await refused(caller.workspace.rename({ name: value }), "name");
      await refused(caller.apiKey.create({ name: value, scopes: ["documents:read"] }), "name");
      await refused(
        caller.webhook.create({
          url: `https://example.com/${value}`,
          events: ["document.created"],
        }),
        "url",
      );
      const { endpoint } = await caller.webhook.create({
        url: "https://example.com/hook",
        events: ["document.created"],
      });
      await refused(
        caller.webhook.update({ endpointId: endpoint.id, url: `https://example.com/${value}` }),
        "url",
      );
      await refused(
        caller.webhook.update({ endpointId: endpoint.id, description: value }),
        "description",
      );
      const document = await caller.document.create({ title: "t", format: "text", content: "c" });
      // Deliberately bad steps, past the types that would refuse them at compile time.
      const create = (steps: { kind: string; params: Record<string, unknown> }[]) =>
        caller.transformation.create({ documentId: document.id, steps: steps as never });
      // Step parameters are checked by the input schema (each kind its own), named by their place.
      await refused(
        create([{ kind: "redact", params: { terms: ["fine", value] } }]),
        "steps.0.params.terms.1",
      );
      await refused(
        create([
          { kind: "to-plain-text", params: {} },
          { kind: "redact", params: { terms: [value] } },
        ]),
        "steps.1.params.terms.0",
      );
      await refused(
        caller.transformation.create({
          documentId: document.id,
          steps: [{ kind: "stats", params: {} }],
          idempotencyKey: value,
        }),
        "idempotencyKey",
      );
      expect((await caller.webhook.list()).map((hook) => hook.url)).toEqual([endpoint.url]);
      expect((await caller.transformation.list({})).items).toEqual([]);
    });
  }

  it("keeps emoji and other well-formed pairs", async () => {
    const { caller } = await api.signUp("emoji");
    const renamed = await caller.workspace.rename({ name: "Team \u{1F600}" });
    expect(renamed.name).toBe("Team \u{1F600}");
  });
});
