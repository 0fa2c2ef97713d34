import { refreshSessions } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { rejection, uniqueEmail, useApi } from "./harness";

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describeEachEngine("auth", (engine) => {
  const api = useApi(engine);

  it("registers a user with a first workspace they own, and signs them in", async () => {
    const { user, workspace, caller, email } = await api.signUp("ann");
    expect(user.email).toBe(email);
    expect(user).not.toHaveProperty("passwordHash");
    const me = await caller.auth.me();
    expect(me.user.id).toBe(user.id);
    expect(me.workspaceId).toBe(workspace.id);
    expect(await caller.workspace.current()).toMatchObject({ id: workspace.id, role: "owner" });
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    const { email } = await api.signUp("dup");
    await rejection(
      api
        .as()
        .auth.register({ email: email.toUpperCase(), password: "another password", name: "Dup" }),
      "CONFLICT",
    );
  });

  it("logs in with the right password only, and says the same for an unknown email", async () => {
    const { email, user } = await api.signUp("login");
    const ok = await api
      .as()
      .auth.login({ email: email.toUpperCase(), password: "correct horse battery" });
    expect((await api.as(ok.tokens.accessToken).auth.me()).user.id).toBe(user.id);
    const wrong = await rejection(
      api.as().auth.login({ email, password: "wrong password" }),
      "UNAUTHORIZED",
    );
    const unknown = await rejection(
      api.as().auth.login({ email: uniqueEmail("nobody"), password: "wrong password" }),
      "UNAUTHORIZED",
    );
    expect(unknown.message).toBe(wrong.message);
  });

  it("refuses a token altered to name another workspace on every protected call", async () => {
    const { tokens, workspace } = await api.signUp("tamper");
    const other = await api.signUp("victim");
    const [header, payload, signature] = tokens.accessToken.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as object;
    const tampered = `${header}.${base64url({ ...claims, workspace_id: other.workspace.id })}.${signature}`;
    await rejection(api.as(tampered).document.list({}), "UNAUTHORIZED");
    await rejection(api.as(tampered).auth.me(), "UNAUTHORIZED");
    // The genuine token still works, for its own workspace only.
    expect((await api.as(tokens.accessToken).workspace.current()).id).toBe(workspace.id);
  });

  it("rotates refresh tokens, and a reused one revokes the whole family", async () => {
    const { tokens, user } = await api.signUp("rotate");
    const second = await api.as().auth.refresh({ refreshToken: tokens.refreshToken });
    expect(second.refreshToken).not.toBe(tokens.refreshToken);
    await api.as(second.accessToken).auth.me();

    // The first token again: someone copied it. Both it and its successor stop working.
    const reuse = await rejection(
      api.as().auth.refresh({ refreshToken: tokens.refreshToken }),
      "UNAUTHORIZED",
    );
    expect(reuse.message).toMatch(/reused/i);
    await rejection(api.as().auth.refresh({ refreshToken: second.refreshToken }), "UNAUTHORIZED");
    // The family's access tokens end with it, not when they expire.
    await rejection(api.as(second.accessToken).auth.me(), "UNAUTHORIZED");
    await rejection(api.as(second.accessToken).document.list({}), "UNAUTHORIZED");

    const family = await api.db
      .select()
      .from(refreshSessions)
      .where(eq(refreshSessions.userId, user.id));
    expect(family.length).toBe(2);
    expect(family.every((row) => row.revokedAt !== null)).toBe(true);
  });

  it("lets exactly one of two concurrent refreshes with the same token win", async () => {
    const { tokens } = await api.signUp("race");
    const results = await Promise.allSettled([
      api.as().auth.refresh({ refreshToken: tokens.refreshToken }),
      api.as().auth.refresh({ refreshToken: tokens.refreshToken }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("logs out by revoking the refresh token's family, which ends its access tokens too", async () => {
    const { tokens } = await api.signUp("logout");
    await api.as().auth.logout({ refreshToken: tokens.refreshToken });
    await rejection(api.as().auth.refresh({ refreshToken: tokens.refreshToken }), "UNAUTHORIZED");
    await rejection(api.as(tokens.accessToken).document.list({}), "UNAUTHORIZED");
  });

  it("switches to another workspace of the user's, and not to a stranger's", async () => {
    const { caller, workspace } = await api.signUp("switch");
    const stranger = await api.signUp("stranger");
    const second = await caller.workspace.create({ name: "Second" });
    const switched = await caller.auth.switchWorkspace({ workspaceId: second.id });
    const inSecond = api.as(switched.tokens.accessToken);
    expect((await inSecond.workspace.current()).id).toBe(second.id);
    expect((await caller.workspace.mine()).map((w) => w.id)).toEqual([workspace.id, second.id]);
    // Someone else's workspace looks exactly like one that does not exist.
    await rejection(
      caller.auth.switchWorkspace({ workspaceId: stranger.workspace.id }),
      "NOT_FOUND",
    );
    await rejection(
      caller.auth.switchWorkspace({ workspaceId: "01900000-0000-7000-8000-000000000000" }),
      "NOT_FOUND",
    );
  });

  it("answers protected calls without a token with UNAUTHORIZED", async () => {
    await rejection(api.as().auth.me(), "UNAUTHORIZED");
    await rejection(api.as().document.list({}), "UNAUTHORIZED");
  });
});
