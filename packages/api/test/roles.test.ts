import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { rejection, uniqueEmail, useApi } from "./harness";

// What each role may do. That a removed member's still-valid access token stops working at once
// is proven in tenant-isolation.test.ts ("a removed member loses access on their very next call").
describeEachEngine("roles", (engine) => {
  const api = useApi(engine);

  /** A team, with a document and a queued transformation of it (no worker: it stays queued). */
  async function teamWithContent() {
    const team = await api.team();
    const document = await team.owner.caller.document.create({
      title: "Shared",
      format: "text",
      content: "read me",
    });
    const transformation = await team.owner.caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    return { ...team, document, transformation };
  }

  it("viewers read but cannot write documents, start or cancel transformations, or invite", async () => {
    const { viewer, owner, document, transformation } = await teamWithContent();
    const asViewer = viewer.caller;
    expect((await asViewer.document.get({ id: document.id })).content).toBe("read me");
    expect((await asViewer.transformation.get({ id: transformation.id })).status).toBe("queued");

    await rejection(
      asViewer.document.create({ title: "x", format: "text", content: "" }),
      "FORBIDDEN",
    );
    await rejection(
      asViewer.document.update({ id: document.id, version: 1, title: "x" }),
      "FORBIDDEN",
    );
    await rejection(asViewer.document.delete({ id: document.id }), "FORBIDDEN");
    await rejection(
      asViewer.transformation.create({
        documentId: document.id,
        steps: [{ kind: "stats", params: {} }],
      }),
      "FORBIDDEN",
    );
    await rejection(asViewer.transformation.cancel({ id: transformation.id }), "FORBIDDEN");
    await rejection(
      asViewer.invitation.create({ email: uniqueEmail("friend"), role: "viewer" }),
      "FORBIDDEN",
    );

    expect(await owner.caller.document.get({ id: document.id })).toMatchObject({
      title: "Shared",
      version: 1,
    });
    expect((await owner.caller.document.list({})).items).toHaveLength(1);
    expect((await owner.caller.transformation.get({ id: transformation.id })).status).toBe(
      "queued",
    );
    expect(await owner.caller.invitation.list()).toEqual([]);
  });

  it("editors write content but cannot manage members, invitations or the audit log", async () => {
    const { editor, viewer, admin, owner, document } = await teamWithContent();
    const { invitation } = await admin.caller.invitation.create({
      email: uniqueEmail("pending"),
      role: "viewer",
    });
    // Content is theirs to change.
    await editor.caller.document.update({ id: document.id, version: 1, title: "Edited" });

    await rejection(
      editor.caller.workspace.changeRole({ userId: viewer.user.id, role: "editor" }),
      "FORBIDDEN",
    );
    await rejection(editor.caller.workspace.removeMember({ userId: viewer.user.id }), "FORBIDDEN");
    await rejection(
      editor.caller.invitation.create({ email: uniqueEmail("friend"), role: "viewer" }),
      "FORBIDDEN",
    );
    await rejection(editor.caller.invitation.list(), "FORBIDDEN");
    await rejection(editor.caller.invitation.revoke({ invitationId: invitation.id }), "FORBIDDEN");
    await rejection(editor.caller.audit.list({}), "FORBIDDEN");

    const members = await owner.caller.workspace.members();
    expect(members.find((m) => m.userId === viewer.user.id)?.role).toBe("viewer");
    expect((await admin.caller.invitation.list()).map((i) => [i.id, i.status])).toEqual([
      [invitation.id, "pending"],
    ]);
    // The same calls are open to an admin.
    expect((await admin.caller.audit.list({})).items.length).toBeGreaterThan(0);
  });

  it("only owners can delete a workspace", async () => {
    const { owner, admin, editor, viewer } = await api.team();
    const confirmName = owner.workspace.name;
    for (const member of [admin, editor, viewer]) {
      const refused = await rejection(member.caller.workspace.delete({ confirmName }), "FORBIDDEN");
      expect(refused.message).toBe("Only an owner can delete the workspace");
    }
    expect((await admin.caller.workspace.current()).id).toBe(owner.workspace.id);

    await owner.caller.workspace.delete({ confirmName });
    await rejection(owner.caller.workspace.current(), "FORBIDDEN");
  });
});
