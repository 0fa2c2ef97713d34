import { apiScopes, newId } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { useApi } from "./harness";
import { callProcedure, outcome, type Outcome } from "./support/call";
import { uuidFields, sampleFor } from "./support/json-schema";
import { listProcedures, type ProcedureInfo } from "./support/procedures";
import { tenantSnapshot } from "./support/snapshot";

/** What a UUID input names. A field the matrix cannot place here fails it: classify it first. */
const referenceByField: Record<string, string> = {
  documentId: "document",
  transformationId: "transformation",
  userId: "member",
  workspaceId: "workspace",
  invitationId: "invitation",
  sessionId: "session",
  apiKeyId: "apiKey",
  endpointId: "webhookEndpoint",
  deliveryId: "webhookDelivery",
};
const referenceById: Record<string, string> = {
  document: "document",
  transformation: "transformation",
};
/** Keyset cursors are positions in the caller's own list, not references to a row: "position". */
const positionFields = new Set(["cursor"]);

function classify(procedure: ProcedureInfo, field: string): string | undefined {
  if (positionFields.has(field)) return "position";
  if (field === "id") return referenceById[procedure.namespace];
  return referenceByField[field];
}

const procedures = listProcedures();

describeEachEngine("cross-tenant isolation matrix", (engine) => {
  const api = useApi(engine);
  let a: Awaited<ReturnType<typeof api.signUp>>;
  /** A's API key with every scope: keys are held to the same isolation as people. */
  let aKey: string;
  let bWorkspaceId: string;
  const bIds: Record<string, string> = {};
  let calls = 0;
  let covered = 0;

  beforeAll(async () => {
    a = await api.signUp("matrix-a");
    aKey = (await a.caller.apiKey.create({ name: "A's key", scopes: [...apiScopes] })).secret;
    const b = await api.signUp("matrix-b");
    bWorkspaceId = b.workspace.id;
    // Nothing listens there, and no worker runs here: B's delivery stays queued.
    const { endpoint } = await b.caller.webhook.create({
      url: "http://127.0.0.1:9/hooks",
      events: ["document.created"],
    });
    const document = await b.caller.document.create({
      title: "B's confidential",
      format: "markdown",
      content: "# only for B",
    });
    const transformation = await b.caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats" }],
    });
    const { invitation } = await b.caller.invitation.create({
      email: "invited-to-b@example.test",
      role: "viewer",
    });
    const [session] = await b.caller.auth.sessions();
    const { apiKey } = await b.caller.apiKey.create({
      name: "B's key",
      scopes: ["documents:read"],
    });
    const {
      items: [delivery],
    } = await b.caller.webhook.deliveries({ endpointId: endpoint.id });
    Object.assign(bIds, {
      apiKey: apiKey.id,
      webhookEndpoint: endpoint.id,
      webhookDelivery: delivery!.id,
      invitation: invitation.id,
      session: session!.id,
      document: document.id,
      transformation: transformation.id,
      member: b.user.id,
      workspace: b.workspace.id,
    });
  });

  afterAll(() => {
    console.info(
      `isolation matrix [${engine}]: ${covered} procedures take ids, ${calls} cross-tenant calls`,
    );
  });

  it("can classify every UUID input of every procedure", () => {
    const unclassified = procedures.flatMap((procedure) => {
      const { topLevel, nested } = uuidFields(procedure.input);
      return [
        ...nested.map((path) => `${procedure.path}: ${path} (nested)`),
        ...topLevel
          .filter((field) => classify(procedure, field) === undefined)
          .map((field) => `${procedure.path}: ${field}`),
      ];
    });
    expect(unclassified).toEqual([]);
  });

  for (const procedure of procedures) {
    const fields = uuidFields(procedure.input).topLevel;
    if (fields.length === 0) continue;

    it(`${procedure.path}: another tenant's id is answered like a missing one, and changes nothing`, async () => {
      covered++;
      const base = sampleFor(procedure.input!) as Record<string, unknown>;
      const leaks = (result: Outcome) =>
        Object.values(bIds).filter((bId) => JSON.stringify(result).includes(bId));

      const bearers = procedure.scope ? [a.tokens.accessToken, aKey] : [a.tokens.accessToken];
      for (const [field, bearer] of fields.flatMap((f) => bearers.map((b) => [f, b] as const))) {
        const kind = classify(procedure, field);
        if (kind === undefined) throw new Error(`${procedure.path}: cannot classify ${field}`);
        const before = await tenantSnapshot(api.db, bWorkspaceId);
        const call = (value: string) =>
          outcome(callProcedure(api.as(bearer), procedure, { ...base, [field]: value }));

        if (kind === "position") {
          const foreign = await call(bIds.document!);
          calls++;
          expect(leaks(foreign), `${procedure.path} with B's ${field}`).toEqual([]);
        } else {
          const bId = bIds[kind];
          if (!bId) throw new Error(`no ${kind} of B's to try: add one to the matrix's setup`);
          const foreign = await call(bId);
          const missing = await call(newId());
          calls += 2;
          expect(foreign, `${procedure.path} with B's ${field}`).toEqual(missing);
          expect(foreign).toMatchObject({ ok: false, code: "NOT_FOUND" });
        }
        expect(await tenantSnapshot(api.db, bWorkspaceId)).toEqual(before);
      }
    });
  }
});
