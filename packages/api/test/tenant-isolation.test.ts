import { documents, memberships, queryRows, sql, withTenant } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { rejection, useApi } from "./harness";

describeEachEngine("tenant isolation", (engine) => {
  const api = useApi(engine);

  async function twoTenants() {
    const a = await api.signUp("tenant-a");
    const b = await api.signUp("tenant-b");
    const secret = await b.caller.document.create({
      title: "B's secret plan",
      format: "markdown",
      content: "# Plan\nfor B only",
      tags: ["secret"],
    });
    return { a, b, secret };
  }

  it("never lists or searches into another tenant", async () => {
    const { a } = await twoTenants();
    await a.caller.document.create({ title: "A's note", format: "text", content: "plan for A" });
    const listed = await a.caller.document.list({});
    expect(listed.items.map((d) => d.title)).toEqual(["A's note"]);
    expect((await a.caller.document.list({ query: "secret plan" })).items).toEqual([]);
    expect((await a.caller.document.list({ tag: "secret" })).items).toEqual([]);
  });

  it("row-level security alone hides other tenants when a query forgets its workspace filter", async () => {
    const { a, secret } = await twoTenants();
    const mine = await a.caller.document.create({ title: "A's own", format: "text", content: "x" });

    await withTenant(api.app, a.workspace.id, async (tx) => {
      const [who] = await queryRows(
        tx,
        sql`select current_user as user, rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
      );
      expect(who).toEqual({ user: "transmute_app", rolsuper: false, rolbypassrls: false });

      // The same queries as the API's, with the workspace filter left out on purpose.
      const unfiltered = await tx.select({ id: documents.id }).from(documents);
      expect(unfiltered.map((row) => row.id)).toEqual([mine.id]);
      expect(await tx.select().from(documents).where(eq(documents.id, secret.id))).toEqual([]);
      const updated = await tx
        .update(documents)
        .set({ title: "pwned" })
        .where(eq(documents.id, secret.id))
        .returning();
      expect(updated).toEqual([]);
      expect(await tx.select().from(memberships)).toHaveLength(1);
    });
  });

  it("a removed member loses access on their very next call", async () => {
    const owner = await api.signUp("owner");
    const member = await api.signUp("member");
    await api.db
      .insert(memberships)
      .values({ workspaceId: owner.workspace.id, userId: member.user.id, role: "editor" });
    const switched = await member.caller.auth.switchWorkspace({ workspaceId: owner.workspace.id });
    const asMember = api.as(switched.tokens.accessToken);
    await asMember.document.create({ title: "by member", format: "text", content: "hello" });

    await owner.caller.workspace.removeMember({ userId: member.user.id });
    // The access token is still valid cryptographically; the membership check is not.
    await rejection(asMember.document.list({}), "FORBIDDEN");
    await rejection(
      api.as().auth.refresh({ refreshToken: member.tokens.refreshToken }),
      "UNAUTHORIZED",
    );
  });
});
