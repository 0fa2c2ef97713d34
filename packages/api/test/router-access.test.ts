import { memberships } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { useApi } from "./harness";
import { callProcedure, outcome } from "./support/call";
import { sampleFor } from "./support/json-schema";
import { listProcedures } from "./support/procedures";

/** The whole unauthenticated surface. Adding to it is a decision, so it is spelled out here. */
// invitation.preview: the invitation token is the credential (as for accept), and the page of an
// invitation link is read before its visitor has an account.
const meantToBePublic = [
  "auth.login",
  "auth.logout",
  "auth.refresh",
  "auth.register",
  "invitation.preview",
];

const procedures = listProcedures();
const inputFor = (procedure: (typeof procedures)[number]) =>
  procedure.input ? sampleFor(procedure.input) : undefined;

it("declares every procedure public, authed or workspace-scoped", () => {
  const undeclared = procedures.filter(
    (procedure) => !["public", "authed", "workspace"].includes(procedure.access ?? ""),
  );
  expect(undeclared.map((procedure) => procedure.path)).toEqual([]);
  const open = procedures.filter((procedure) => procedure.access === "public");
  expect(open.map((procedure) => procedure.path).sort()).toEqual(meantToBePublic);
});

describeEachEngine("router access", (engine) => {
  const api = useApi(engine);

  it("answers every non-public procedure UNAUTHORIZED without a token or with a bad one", async () => {
    const answers = [];
    for (const procedure of procedures.filter((p) => p.access !== "public")) {
      for (const token of [null, "not-a-jwt", "a.b.c"]) {
        const answer = await outcome(callProcedure(api.as(token), procedure, inputFor(procedure)));
        answers.push({ path: procedure.path, token, code: answer.ok ? "OK" : answer.code });
      }
    }
    expect(answers.filter((answer) => answer.code !== "UNAUTHORIZED")).toEqual([]);
  });

  it("answers every workspace procedure FORBIDDEN to a valid token whose membership is gone", async () => {
    const owner = await api.signUp("access-owner");
    const gone = await api.signUp("access-gone");
    await api.db
      .insert(memberships)
      .values({ workspaceId: owner.workspace.id, userId: gone.user.id, role: "admin" });
    const { tokens } = await gone.caller.auth.switchWorkspace({ workspaceId: owner.workspace.id });
    await api.db
      .delete(memberships)
      .where(
        and(eq(memberships.workspaceId, owner.workspace.id), eq(memberships.userId, gone.user.id)),
      );

    const answers = [];
    for (const procedure of procedures.filter((p) => p.access === "workspace")) {
      const answer = await outcome(
        callProcedure(api.as(tokens.accessToken), procedure, inputFor(procedure)),
      );
      answers.push({ path: procedure.path, code: answer.ok ? "OK" : answer.code });
    }
    expect(answers.filter((answer) => answer.code !== "FORBIDDEN")).toEqual([]);
  });
});
