import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { createCaller, createContextInner } from "../src";
import { rejection, uniqueEmail, useApi } from "./harness";

describeEachEngine("the audit log", (engine) => {
  const api = useApi(engine);

  it("records invitations, role changes, removals and renames, with who, whom, from where", async () => {
    const { owner, admin, editor, viewer } = await api.team();
    const client = { ip: "203.0.113.7", userAgent: "audit-test/1.0" };
    const asAdmin = createCaller(createContextInner(api.deps, admin.tokens.accessToken, client));
    const invitee = await api.signUp("invitee");

    const revoked = await asAdmin.invitation.create({ email: uniqueEmail("gone"), role: "viewer" });
    await asAdmin.invitation.revoke({ invitationId: revoked.invitation.id });
    const accepted = await asAdmin.invitation.create({ email: invitee.email, role: "editor" });
    await invitee.caller.invitation.accept({ token: accepted.token });
    await asAdmin.workspace.changeRole({ userId: viewer.user.id, role: "editor" });
    await asAdmin.workspace.removeMember({ userId: viewer.user.id });
    await editor.caller.workspace.removeMember({ userId: editor.user.id });
    await asAdmin.workspace.rename({ name: "Renamed" });

    const { items, nextCursor } = await owner.caller.audit.list({});
    expect(nextCursor).toBeNull();
    expect(items.map((e) => e.action)).toEqual([
      "workspace.renamed",
      "member.removed",
      "member.removed",
      "member.role_changed",
      "invitation.accepted",
      "invitation.created",
      "invitation.revoked",
      "invitation.created",
    ]);
    const [renamed, left, removed, changed, joined, created, revokedEntry] = items;
    expect(renamed).toMatchObject({
      actorId: admin.user.id,
      actorEmail: admin.email,
      targetId: owner.workspace.id,
      details: { from: owner.workspace.name, to: "Renamed" },
      ip: client.ip,
      userAgent: client.userAgent,
    });
    expect(left).toMatchObject({
      actorId: editor.user.id,
      targetId: editor.user.id,
      details: {
        memberName: editor.user.name,
        memberEmail: editor.email,
        role: "editor",
        left: true,
      },
    });
    expect(removed).toMatchObject({
      actorId: admin.user.id,
      targetId: viewer.user.id,
      // Named in the entry itself: the removed member is no longer in the member list.
      details: {
        memberName: viewer.user.name,
        memberEmail: viewer.email,
        role: "editor",
        left: false,
      },
    });
    expect(changed).toMatchObject({
      targetId: viewer.user.id,
      details: {
        memberName: viewer.user.name,
        memberEmail: viewer.email,
        from: "viewer",
        to: "editor",
      },
    });
    expect(joined).toMatchObject({
      actorId: invitee.user.id,
      actorEmail: invitee.email,
      targetId: accepted.invitation.id,
    });
    expect(created).toMatchObject({ actorId: admin.user.id, targetId: accepted.invitation.id });
    expect(revokedEntry).toMatchObject({ targetId: revoked.invitation.id });
    expect(renamed!.createdAt).toBeInstanceOf(Date);

    const filtered = await owner.caller.audit.list({ action: "member.removed" });
    expect(filtered.items.map((e) => e.id)).toEqual([left!.id, removed!.id]);
  });

  it("records nothing for a refused change", async () => {
    const { owner, admin } = await api.team();
    await rejection(
      admin.caller.workspace.changeRole({ userId: owner.user.id, role: "viewer" }),
      "FORBIDDEN",
    );
    await rejection(
      owner.caller.workspace.removeMember({ userId: owner.user.id }),
      "PRECONDITION_FAILED",
    );
    expect((await owner.caller.audit.list({})).items).toEqual([]);
  });

  it("is for admins and owners only", async () => {
    const { owner, admin, editor, viewer } = await api.team();
    await admin.caller.workspace.rename({ name: "Logged" });
    expect((await owner.caller.audit.list({})).items).toHaveLength(1);
    expect((await admin.caller.audit.list({})).items).toHaveLength(1);
    await rejection(editor.caller.audit.list({}), "FORBIDDEN");
    await rejection(viewer.caller.audit.list({}), "FORBIDDEN");
  });

  it("pages newest first through every entry exactly once", async () => {
    const owner = await api.signUp("pager");
    for (let n = 1; n <= 7; n++) await owner.caller.workspace.rename({ name: `Name ${n}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof owner.caller.audit.list>> =
        await owner.caller.audit.list({ limit: 3, cursor });
      seen.push(...page.items.map((e) => (e.details as { to: string }).to));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `Name ${n}`));
    await rejection(owner.caller.audit.list({ limit: 0 }), "BAD_REQUEST");
    await rejection(owner.caller.audit.list({ limit: 101 }), "BAD_REQUEST");
    await rejection(
      owner.caller.audit.list({ action: "nope" as "workspace.renamed" }),
      "BAD_REQUEST",
    );
  });

  it("never shows a workspace another's entries", async () => {
    const a = await api.signUp("audit-a");
    const b = await api.signUp("audit-b");
    await a.caller.workspace.rename({ name: "A renamed" });
    await b.caller.workspace.rename({ name: "B renamed" });
    await b.caller.invitation.create({ email: uniqueEmail("b-guest"), role: "viewer" });
    const mine = await a.caller.audit.list({});
    expect(mine.items.map((e) => e.details)).toEqual([{ from: a.workspace.name, to: "A renamed" }]);
    expect((await b.caller.audit.list({})).items.map((e) => e.action)).toEqual([
      "invitation.created",
      "workspace.renamed",
    ]);
  });
});
