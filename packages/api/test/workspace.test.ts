import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { rejection, useApi } from "./harness";

describeEachEngine("workspaces and members", (engine) => {
  const api = useApi(engine);

  it("lists members with their roles, and never exposes password hashes", async () => {
    const { owner, viewer } = await api.team();
    const listed = await viewer.caller.workspace.members();
    expect(listed.map((m) => m.role)).toEqual(["owner", "admin", "editor", "viewer"]);
    expect(listed[0]).toMatchObject({ userId: owner.user.id, email: owner.email });
    expect(Object.keys(listed[0]!)).not.toContain("passwordHash");
  });

  it("lets admins rename the workspace, and no one below", async () => {
    const { admin, editor, owner } = await api.team();
    expect((await admin.caller.workspace.rename({ name: "Renamed" })).name).toBe("Renamed");
    await rejection(editor.caller.workspace.rename({ name: "Nope" }), "FORBIDDEN");
    expect((await owner.caller.workspace.current()).name).toBe("Renamed");
  });

  it("lets admins change roles below owner, and only owners touch owners", async () => {
    const { admin, editor, viewer, owner } = await api.team();
    await admin.caller.workspace.changeRole({ userId: viewer.user.id, role: "editor" });
    await rejection(
      editor.caller.workspace.changeRole({ userId: viewer.user.id, role: "viewer" }),
      "FORBIDDEN",
    );
    await rejection(
      admin.caller.workspace.changeRole({ userId: owner.user.id, role: "viewer" }),
      "FORBIDDEN",
    );
    await rejection(
      admin.caller.workspace.changeRole({ userId: editor.user.id, role: "owner" }),
      "FORBIDDEN",
    );
    // The promoted viewer can write at once.
    await viewer.caller.document.create({ title: "now allowed", format: "text", content: "" });
  });

  it("never leaves a workspace without an owner", async () => {
    const { owner, admin } = await api.team();
    await rejection(
      owner.caller.workspace.changeRole({ userId: owner.user.id, role: "admin" }),
      "PRECONDITION_FAILED",
    );
    await rejection(
      owner.caller.workspace.removeMember({ userId: owner.user.id }),
      "PRECONDITION_FAILED",
    );
    await owner.caller.workspace.changeRole({ userId: admin.user.id, role: "owner" });
    // With two owners, one may step down.
    await owner.caller.workspace.changeRole({ userId: owner.user.id, role: "admin" });
    expect(
      (await admin.caller.workspace.members())
        .filter((m) => m.role === "owner")
        .map((m) => m.userId),
    ).toEqual([admin.user.id]);
  });

  it("lets admins remove members below them, and anyone leave", async () => {
    const { admin, editor, viewer, owner } = await api.team();
    await rejection(editor.caller.workspace.removeMember({ userId: viewer.user.id }), "FORBIDDEN");
    await admin.caller.workspace.removeMember({ userId: viewer.user.id });
    await editor.caller.workspace.removeMember({ userId: editor.user.id });
    await rejection(admin.caller.workspace.removeMember({ userId: owner.user.id }), "FORBIDDEN");
    await rejection(admin.caller.workspace.removeMember({ userId: viewer.user.id }), "NOT_FOUND");
    expect((await owner.caller.workspace.members()).map((m) => m.role)).toEqual(["owner", "admin"]);
  });

  it("a member of another workspace is NOT_FOUND, not a target", async () => {
    const { admin } = await api.team();
    const outsider = await api.signUp("outsider");
    await rejection(admin.caller.workspace.removeMember({ userId: outsider.user.id }), "NOT_FOUND");
    await rejection(
      admin.caller.workspace.changeRole({ userId: outsider.user.id, role: "viewer" }),
      "NOT_FOUND",
    );
    expect(await outsider.caller.workspace.current()).toMatchObject({ role: "owner" });
  });
});
