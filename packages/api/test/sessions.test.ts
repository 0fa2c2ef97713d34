import { refreshSessions } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { issuePaths, rejection, uniqueEmail, useApi } from "./harness";

describeEachEngine("sessions", (engine) => {
  const api = useApi(engine);
  const laptop = { ip: "203.0.113.10", userAgent: "Firefox/140 (laptop)" };
  const phone = { ip: "198.51.100.20", userAgent: "Safari/18 (phone)" };
  const password = "correct horse battery";

  /** One account signed in on two devices. */
  async function signedInTwice(label: string) {
    const email = uniqueEmail(label);
    const registered = await api.from(laptop).auth.register({ email, password, name: label });
    const onPhone = await api.from(phone).auth.login({ email, password });
    const sessions = await api.as(registered.tokens.accessToken).auth.sessions();
    const idOn = (device: { ip: string }) => sessions.find((s) => s.ip === device.ip)!.id;
    return {
      email,
      laptop: { tokens: registered.tokens, id: idOn(laptop) },
      phone: { tokens: onPhone.tokens, id: idOn(phone) },
    };
  }

  const rowsOf = (familyId: string) =>
    api.db.select().from(refreshSessions).where(eq(refreshSessions.familyId, familyId));

  it("lists the caller's sessions with where each came from, marking the current one", async () => {
    const { laptop: onLaptop, phone: onPhone } = await signedInTwice("list");
    await api.signUp("someone-else");
    const sessions = await api.as(onLaptop.tokens.accessToken).auth.sessions();
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s) => s.id === onLaptop.id)).toMatchObject({ ...laptop, current: true });
    expect(sessions.find((s) => s.id === onPhone.id)).toMatchObject({ ...phone, current: false });
    const fromPhone = await api.as(onPhone.tokens.accessToken).auth.sessions();
    expect(fromPhone.find((s) => s.current)?.id).toBe(onPhone.id);
  });

  it("keeps a session's identity and start across refreshes, and records where each refresh came from", async () => {
    const { laptop: onLaptop } = await signedInTwice("refresh-info");
    const [before] = (await api.as(onLaptop.tokens.accessToken).auth.sessions()).filter(
      (s) => s.current,
    );
    const elsewhere = { ip: "192.0.2.44", userAgent: "Firefox/141 (laptop, on a train)" };
    const renewed = await api
      .from(elsewhere)
      .auth.refresh({ refreshToken: onLaptop.tokens.refreshToken });
    const [after] = (await api.as(renewed.accessToken).auth.sessions()).filter((s) => s.current);
    expect(after).toMatchObject({ id: before!.id, createdAt: before!.createdAt, ...elsewhere });
    expect(after!.lastUsedAt.getTime()).toBeGreaterThanOrEqual(before!.lastUsedAt.getTime());
  });

  it("ends a session at the time set when it began, however often it is refreshed", async () => {
    const { laptop: onLaptop, phone: onPhone } = await signedInTwice("absolute");
    const first = await api.as().auth.refresh({ refreshToken: onLaptop.tokens.refreshToken });
    const second = await api.as().auth.refresh({ refreshToken: first.refreshToken });
    const rows = await rowsOf(onLaptop.id);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.expiresAt.getTime())).size).toBe(1);

    // Near its end, a refresh gives an access token that stops when the session does.
    const end = new Date(Date.now() + 5_000);
    await api.db
      .update(refreshSessions)
      .set({ expiresAt: end })
      .where(eq(refreshSessions.familyId, onLaptop.id));
    const last = await api.as().auth.refresh({ refreshToken: second.refreshToken });
    expect(last.accessTokenExpiresAt.getTime()).toBeLessThanOrEqual(end.getTime() + 1_000);
    expect(
      (await rowsOf(onLaptop.id)).every((row) => row.expiresAt.getTime() === end.getTime()),
    ).toBe(true);

    await api.db
      .update(refreshSessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(refreshSessions.familyId, onLaptop.id));
    await rejection(api.as().auth.refresh({ refreshToken: last.refreshToken }), "UNAUTHORIZED");
    // Its access tokens end with it, not when they expire.
    await rejection(api.as(last.accessToken).document.list({}), "UNAUTHORIZED");
    await rejection(api.as(last.accessToken).auth.sessions(), "UNAUTHORIZED");
    const listed = await api.as(onPhone.tokens.accessToken).auth.sessions();
    expect(listed.map((s) => s.id)).not.toContain(onLaptop.id);
  });

  it("signs out every other session at once, and keeps the caller's", async () => {
    const { laptop: onLaptop, phone: onPhone } = await signedInTwice("all-others");
    const caller = api.as(onLaptop.tokens.accessToken);
    expect(await caller.auth.endOtherSessions()).toEqual({ endedSessions: 1 });
    await rejection(
      api.as().auth.refresh({ refreshToken: onPhone.tokens.refreshToken }),
      "UNAUTHORIZED",
    );
    await rejection(api.as(onPhone.tokens.accessToken).auth.me(), "UNAUTHORIZED");
    expect((await caller.auth.sessions()).map((s) => s.id)).toEqual([onLaptop.id]);
    expect(await caller.auth.endOtherSessions()).toEqual({ endedSessions: 0 });
    await api.as().auth.refresh({ refreshToken: onLaptop.tokens.refreshToken });
  });

  it("ends another of the caller's sessions, whose refresh and access tokens then fail", async () => {
    const { laptop: onLaptop, phone: onPhone } = await signedInTwice("end");
    const caller = api.as(onLaptop.tokens.accessToken);
    await api.as(onPhone.tokens.accessToken).document.list({});
    await caller.auth.endSession({ sessionId: onPhone.id });
    await rejection(
      api.as().auth.refresh({ refreshToken: onPhone.tokens.refreshToken }),
      "UNAUTHORIZED",
    );
    // At once, not when the phone's access token would have expired.
    const ended = await rejection(
      api.as(onPhone.tokens.accessToken).document.list({}),
      "UNAUTHORIZED",
    );
    expect(ended.message).toMatch(/session has ended/);
    await rejection(api.as(onPhone.tokens.accessToken).auth.me(), "UNAUTHORIZED");
    expect((await caller.auth.sessions()).map((s) => s.id)).toEqual([onLaptop.id]);
    await api.as().auth.refresh({ refreshToken: onLaptop.tokens.refreshToken });
  });

  it("answers ending someone else's session exactly like ending one that does not exist", async () => {
    const victim = await signedInTwice("victim");
    const stranger = await api.signUp("stranger");
    const foreign = await rejection(
      stranger.caller.auth.endSession({ sessionId: victim.phone.id }),
      "NOT_FOUND",
    );
    const unknown = await rejection(
      stranger.caller.auth.endSession({ sessionId: "01900000-0000-7000-8000-000000000000" }),
      "NOT_FOUND",
    );
    expect(foreign.message).toBe(unknown.message);
    await api.as().auth.refresh({ refreshToken: victim.phone.tokens.refreshToken });
  });

  it("changes the password given the current one, and signs out every other session", async () => {
    const { email, laptop: onLaptop, phone: onPhone } = await signedInTwice("change");
    const newPassword = "a new and longer passphrase";
    const changed = await api
      .as(onLaptop.tokens.accessToken)
      .auth.changePassword({ currentPassword: password, newPassword });
    expect(changed).toEqual({ endedSessions: 1 });
    await rejection(
      api.as().auth.refresh({ refreshToken: onPhone.tokens.refreshToken }),
      "UNAUTHORIZED",
    );
    await rejection(api.as(onPhone.tokens.accessToken).document.list({}), "UNAUTHORIZED");
    await api.as(onLaptop.tokens.accessToken).document.list({});
    await api.as().auth.refresh({ refreshToken: onLaptop.tokens.refreshToken });
    await rejection(api.as().auth.login({ email, password }), "UNAUTHORIZED");
    await api.as().auth.login({ email, password: newPassword });
  });

  it("refuses a password change with a wrong current password, or to a password that breaks the policy", async () => {
    const { email, laptop: onLaptop, phone: onPhone } = await signedInTwice("refuse-change");
    const caller = api.as(onLaptop.tokens.accessToken);
    const wrong = await rejection(
      caller.auth.changePassword({
        currentPassword: "not my password",
        newPassword: "a new and longer passphrase",
      }),
      "FORBIDDEN",
    );
    expect(wrong.message).toMatch(/current password/i);
    const common = await rejection(
      caller.auth.changePassword({ currentPassword: password, newPassword: "Password123" }),
      "BAD_REQUEST",
    );
    expect(issuePaths(common)).toEqual(["newPassword"]);
    // Nothing changed: the old password and the other session both still work.
    await api.as().auth.login({ email, password });
    await api.as().auth.refresh({ refreshToken: onPhone.tokens.refreshToken });
  });

  it("continues the same session when switching workspace, so it is listed once", async () => {
    const { caller, tokens } = await api.signUp("switcher");
    const second = await caller.workspace.create({ name: "Second" });
    const [session] = await caller.auth.sessions();
    const switched = await caller.auth.switchWorkspace({ workspaceId: second.id });
    const listed = await api.as(switched.tokens.accessToken).auth.sessions();
    expect(listed).toMatchObject([{ id: session!.id, current: true }]);
    // The access token for the first workspace ends with the switch; the refresh token goes on,
    // into the second.
    await rejection(caller.document.list({}), "UNAUTHORIZED");
    const refreshed = await api.as().auth.refresh({ refreshToken: tokens.refreshToken });
    expect((await api.as(refreshed.accessToken).workspace.current()).id).toBe(second.id);
  });

  it("never turns an access token into a longer sign-in by switching workspace", async () => {
    const { caller, tokens, workspace } = await api.signUp("stolen");
    const second = await caller.workspace.create({ name: "Second" });
    const expiryOf = (token: string) =>
      (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { exp: number })
        .exp;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const workspaceId of [workspace.id, second.id, workspace.id]) {
      const switched = await caller.auth.switchWorkspace({ workspaceId });
      // No refresh token: holding an access token is not holding the sign-in.
      expect(Object.keys(switched.tokens).sort()).toEqual(["accessToken", "accessTokenExpiresAt"]);
      expect(expiryOf(switched.tokens.accessToken)).toBeLessThanOrEqual(
        expiryOf(tokens.accessToken),
      );
      expect(switched.tokens.accessTokenExpiresAt.getTime()).toBeLessThanOrEqual(
        tokens.accessTokenExpiresAt.getTime(),
      );
    }
    // The sign-in is still its owner's, whole.
    await api.as().auth.refresh({ refreshToken: tokens.refreshToken });
  });
});
