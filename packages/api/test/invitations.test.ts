import { createHash } from "node:crypto";
import { eq, invitations, sql } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { rejection, uniqueEmail, useApi } from "./harness";

const INVALID = "Invitation not found or no longer valid";

describeEachEngine("invitations", (engine) => {
  const api = useApi(engine);

  /** An owner's workspace with a document, and someone signed up (into their own workspace) to invite. */
  async function setup() {
    const owner = await api.signUp("owner");
    await owner.caller.document.create({ title: "Welcome", format: "text", content: "hi" });
    const invitee = await api.signUp("invitee");
    return { owner, invitee };
  }

  it("lets the invited user join with the role, switch to the workspace and read it", async () => {
    const { owner, invitee } = await setup();
    const created = await owner.caller.invitation.create({
      email: invitee.email.toUpperCase(),
      role: "editor",
    });
    expect(created.invitation).toMatchObject({
      email: invitee.email,
      role: "editor",
      status: "pending",
      invitedBy: owner.user.id,
    });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(created.invitation)).not.toContain("tokenHash");
    const days = (created.invitation.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // Only the hash is stored.
    const [stored] = await api.db
      .select({ tokenHash: invitations.tokenHash })
      .from(invitations)
      .where(eq(invitations.id, created.invitation.id));
    expect(stored!.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));

    // Anyone holding the link sees what it offers, before signing in; once used, nothing.
    expect(await api.as().invitation.preview({ token: created.token })).toEqual({
      workspaceName: owner.workspace.name,
      inviterName: owner.user.name,
      role: "editor",
      email: invitee.email,
    });
    await rejection(api.as().invitation.preview({ token: "made-up" }), "NOT_FOUND");

    const accepted = await invitee.caller.invitation.accept({ token: created.token });
    expect(accepted).toMatchObject({ workspace: { id: owner.workspace.id }, role: "editor" });
    await rejection(api.as().invitation.preview({ token: created.token }), "NOT_FOUND");

    const { tokens } = await invitee.caller.auth.switchWorkspace({
      workspaceId: accepted.workspace.id,
    });
    const inWorkspace = api.as(tokens.accessToken);
    expect((await inWorkspace.workspace.current()).role).toBe("editor");
    expect((await inWorkspace.document.list({})).items.map((d) => d.title)).toEqual(["Welcome"]);
    expect((await owner.caller.workspace.members()).map((m) => [m.userId, m.role])).toContainEqual([
      invitee.user.id,
      "editor",
    ]);
    expect(await owner.caller.invitation.list()).toMatchObject([
      { id: created.invitation.id, status: "accepted", acceptedBy: invitee.user.id },
    ]);
  });

  it("refuses another account, and the invitation stays usable by the right one", async () => {
    const { owner, invitee } = await setup();
    const stranger = await api.signUp("stranger");
    const { token } = await owner.caller.invitation.create({
      email: invitee.email,
      role: "viewer",
    });
    const refused = await rejection(stranger.caller.invitation.accept({ token }), "FORBIDDEN");
    expect(refused.message).toBe("This invitation is for another email address");
    expect((await owner.caller.invitation.list())[0]!.status).toBe("pending");
    expect((await owner.caller.workspace.members()).map((m) => m.userId)).not.toContain(
      stranger.user.id,
    );
    expect((await invitee.caller.invitation.accept({ token })).role).toBe("viewer");
  });

  it("works once: a second accept, or the loser of two at once, gets NOT_FOUND", async () => {
    const { owner, invitee } = await setup();
    const first = await owner.caller.invitation.create({ email: invitee.email, role: "viewer" });
    await invitee.caller.invitation.accept({ token: first.token });
    const again = await rejection(
      invitee.caller.invitation.accept({ token: first.token }),
      "NOT_FOUND",
    );
    expect(again.message).toBe(INVALID);

    const other = await api.signUp("racer");
    const second = await owner.caller.invitation.create({ email: other.email, role: "editor" });
    const results = await Promise.allSettled([
      other.caller.invitation.accept({ token: second.token }),
      other.caller.invitation.accept({ token: second.token }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === "rejected");
    expect(lost!.reason).toMatchObject({ code: "NOT_FOUND", message: INVALID });
    const members = await owner.caller.workspace.members();
    expect(members.filter((m) => m.userId === other.user.id)).toHaveLength(1);
  });

  it("refuses expired, revoked, replaced and unknown tokens alike", async () => {
    const { owner, invitee } = await setup();
    const expired = await owner.caller.invitation.create({ email: invitee.email, role: "viewer" });
    await api.db
      .update(invitations)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(invitations.id, expired.invitation.id));
    const revoked = await owner.caller.invitation.create({ email: invitee.email, role: "viewer" });
    await owner.caller.invitation.revoke({ invitationId: revoked.invitation.id });
    const replaced = await owner.caller.invitation.create({ email: invitee.email, role: "viewer" });
    const current = await owner.caller.invitation.create({ email: invitee.email, role: "admin" });

    for (const token of [expired.token, revoked.token, replaced.token, "no-such-token"]) {
      const refused = await rejection(invitee.caller.invitation.accept({ token }), "NOT_FOUND");
      expect(refused.message).toBe(INVALID);
    }
    expect((await owner.caller.workspace.members()).map((m) => m.userId)).not.toContain(
      invitee.user.id,
    );
    // Only the newest invitation of an address works.
    expect((await invitee.caller.invitation.accept({ token: current.token })).role).toBe("admin");
  });

  it("lists every invitation newest first with its status, never the token hash", async () => {
    const { owner } = await setup();
    const accepter = await api.signUp("accepter");
    const accepted = await owner.caller.invitation.create({
      email: accepter.email,
      role: "viewer",
    });
    await accepter.caller.invitation.accept({ token: accepted.token });
    const revoked = await owner.caller.invitation.create({
      email: uniqueEmail("revoked"),
      role: "viewer",
    });
    await owner.caller.invitation.revoke({ invitationId: revoked.invitation.id });
    const expired = await owner.caller.invitation.create({
      email: uniqueEmail("expired"),
      role: "viewer",
    });
    await api.db
      .update(invitations)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(invitations.id, expired.invitation.id));
    const pending = await owner.caller.invitation.create({
      email: uniqueEmail("pending"),
      role: "editor",
    });

    const listed = await owner.caller.invitation.list();
    expect(listed.map((i) => [i.id, i.status])).toEqual([
      [pending.invitation.id, "pending"],
      [expired.invitation.id, "expired"],
      [revoked.invitation.id, "revoked"],
      [accepted.invitation.id, "accepted"],
    ]);
    for (const invitation of listed) expect(Object.keys(invitation)).not.toContain("tokenHash");
  });

  it("refuses to invite a member again, and lets only an owner invite an owner", async () => {
    const { owner, admin, editor } = await api.team();
    const conflict = await rejection(
      admin.caller.invitation.create({ email: editor.email, role: "admin" }),
      "CONFLICT",
    );
    expect(conflict.message).toMatch(/already/);
    const forbidden = await rejection(
      admin.caller.invitation.create({ email: uniqueEmail("boss"), role: "owner" }),
      "FORBIDDEN",
    );
    expect(forbidden.message).toBe("Only an owner can invite an owner");
    await admin.caller.invitation.create({ email: uniqueEmail("helper"), role: "admin" });
    const boss = await api.signUp("boss");
    const { token } = await owner.caller.invitation.create({ email: boss.email, role: "owner" });
    expect((await boss.caller.invitation.accept({ token })).role).toBe("owner");
    expect((await owner.caller.invitation.list()).map((i) => i.role)).toEqual(["owner", "admin"]);
  });

  it("refuses someone already a member with CONFLICT, and the invitation stays unused", async () => {
    const { owner, invitee } = await setup();
    const { token } = await owner.caller.invitation.create({
      email: invitee.email,
      role: "viewer",
    });
    // They joined another way meanwhile.
    await api.db.execute(
      sql`insert into memberships (workspace_id, user_id, role) values (${owner.workspace.id}, ${invitee.user.id}, 'editor')`,
    );
    await rejection(invitee.caller.invitation.accept({ token }), "CONFLICT");
    expect((await owner.caller.invitation.list())[0]!.status).toBe("pending");
    const members = await owner.caller.workspace.members();
    expect(members.find((m) => m.userId === invitee.user.id)?.role).toBe("editor");
  });

  it("revoking: another workspace's invitation is NOT_FOUND like a missing one; an accepted one cannot be", async () => {
    const { owner, invitee } = await setup();
    const other = await api.signUp("other-owner");
    const theirs = await other.caller.invitation.create({
      email: uniqueEmail("theirs"),
      role: "viewer",
    });
    const missing = await rejection(
      owner.caller.invitation.revoke({ invitationId: "01900000-0000-7000-8000-000000000000" }),
      "NOT_FOUND",
    );
    const foreign = await rejection(
      owner.caller.invitation.revoke({ invitationId: theirs.invitation.id }),
      "NOT_FOUND",
    );
    expect(foreign.message).toBe(missing.message);
    expect((await other.caller.invitation.list())[0]!.status).toBe("pending");

    const mine = await owner.caller.invitation.create({ email: invitee.email, role: "viewer" });
    await invitee.caller.invitation.accept({ token: mine.token });
    await rejection(
      owner.caller.invitation.revoke({ invitationId: mine.invitation.id }),
      "PRECONDITION_FAILED",
    );
  });

  it("rejects malformed input with a typed error", async () => {
    const { owner, invitee } = await setup();
    const bad = await rejection(
      owner.caller.invitation.create({ email: "not-an-email", role: "viewer" }),
      "BAD_REQUEST",
    );
    expect(bad.message).toMatch(/email/);
    await rejection(
      owner.caller.invitation.create({ email: uniqueEmail("x"), role: "king" as "viewer" }),
      "BAD_REQUEST",
    );
    await rejection(owner.caller.invitation.revoke({ invitationId: "nope" }), "BAD_REQUEST");
    await rejection(invitee.caller.invitation.accept({ token: "" }), "BAD_REQUEST");
    await rejection(api.as().invitation.accept({ token: "anything" }), "UNAUTHORIZED");
  });
});
