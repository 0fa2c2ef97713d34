import { and, eq, queryRows, sql, transformations, withTenant } from "@transmute/db";
import { describeEachEngine, describeOnPostgres } from "@transmute/db/testing";
import { recordEvent } from "@transmute/jobs";
import { expect, it } from "vitest";
import { rejection, testPassword, uniqueEmail, useApi } from "./harness";

describeEachEngine("deleting a workspace", (engine) => {
  const api = useApi(engine, { worker: true });

  /** Waits until pg-boss has finished each of these transformations' jobs; returns how they ended. */
  async function jobsOf(transformationIds: string[]) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await queryRows<{ state: string; retry_count: number }>(
        api.db,
        sql`select state, retry_count from pgboss.job
            where data->>'transformationId' in (${sql.join(
              transformationIds.map((id) => sql`${id}`),
              sql`, `,
            )})`,
      );
      const done = rows.every((row) => ["completed", "failed", "cancelled"].includes(row.state));
      if (rows.length === transformationIds.length && done) return rows;
      if (Date.now() > deadline) throw new Error("jobs still running");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function rowsLeft(workspaceId: string) {
    const [counts] = await queryRows<Record<string, number>>(
      api.db,
      sql`select
        (select count(*)::int from workspaces where id = ${workspaceId}) as workspaces,
        (select count(*)::int from memberships where workspace_id = ${workspaceId}) as memberships,
        (select count(*)::int from documents where workspace_id = ${workspaceId}) as documents,
        (select count(*)::int from transformations where workspace_id = ${workspaceId}) as transformations,
        (select count(*)::int from transformation_events where workspace_id = ${workspaceId}) as events,
        (select count(*)::int from invitations where workspace_id = ${workspaceId}) as invitations,
        (select count(*)::int from audit_events where workspace_id = ${workspaceId}) as audit,
        (select count(*)::int from refresh_sessions where workspace_id = ${workspaceId}) as sessions`,
    );
    return counts!;
  }

  it("needs the workspace's exact name typed back", async () => {
    const owner = await api.signUp("owner");
    await owner.caller.document.create({ title: "Keep", format: "text", content: "x" });
    for (const confirmName of ["", "owner", owner.workspace.name.toUpperCase()]) {
      await rejection(owner.caller.workspace.delete({ confirmName }), "BAD_REQUEST");
    }
    expect((await owner.caller.document.list({})).items).toHaveLength(1);
  });

  it("removes everything in it, locks its members out at once, and leaves other workspaces alone", async () => {
    const { owner, admin, editor } = await api.team();
    const doomed = owner.workspace.id;
    const document = await editor.caller.document.create({
      title: "Doomed",
      format: "text",
      content: "One sentence. Another one.",
    });
    const transformation = await editor.caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    const invitee = await api.signUp("invitee");
    const invitation = await admin.caller.invitation.create({
      email: invitee.email,
      role: "viewer",
    });
    await admin.caller.workspace.rename({ name: "Doomed workspace" });

    // The admin also owns another workspace, with content of its own.
    const other = await admin.caller.workspace.create({ name: "Survivor" });
    const inOther = api.as(
      (await admin.caller.auth.switchWorkspace({ workspaceId: other.id })).tokens.accessToken,
    );
    const kept = await inOther.document.create({
      title: "Kept",
      format: "text",
      content: "Stays.",
    });
    const keptRun = await inOther.transformation.create({
      documentId: kept.id,
      steps: [{ kind: "stats", params: {} }],
    });
    await inOther.invitation.create({ email: uniqueEmail("guest"), role: "viewer" });
    await inOther.workspace.rename({ name: "Survivor, renamed" });
    await jobsOf([keptRun.id]);
    const before = {
      documents: await inOther.document.list({}),
      invitations: await inOther.invitation.list(),
      audit: await inOther.audit.list({}),
    };

    await owner.caller.workspace.delete({ confirmName: "Doomed workspace" });

    // Tokens issued for it are still valid cryptographically; membership is not.
    for (const member of [owner, admin, editor]) {
      await rejection(member.caller.workspace.current(), "FORBIDDEN");
      await rejection(member.caller.document.list({}), "FORBIDDEN");
    }
    // Sessions that were in it went with it; the admin's had moved on to the other workspace.
    for (const member of [owner, editor]) {
      await rejection(member.caller.auth.switchWorkspace({ workspaceId: doomed }), "UNAUTHORIZED");
    }
    await rejection(admin.caller.auth.switchWorkspace({ workspaceId: doomed }), "NOT_FOUND");
    await rejection(
      api.as().auth.refresh({ refreshToken: editor.tokens.refreshToken }),
      "UNAUTHORIZED",
    );
    const signedInAgain = await api
      .as()
      .auth.login({ email: editor.email, password: testPassword });
    const mine = await api.as(signedInAgain.tokens.accessToken).workspace.mine();
    expect(mine.map((w) => w.id)).not.toContain(doomed);
    await rejection(invitee.caller.invitation.accept({ token: invitation.token }), "NOT_FOUND");
    expect(await rowsLeft(doomed)).toEqual({
      workspaces: 0,
      memberships: 0,
      documents: 0,
      transformations: 0,
      events: 0,
      invitations: 0,
      audit: 0,
      sessions: 0,
    });

    // The doomed workspace's job ended without error (whether it ran before the delete or not).
    expect(await jobsOf([transformation.id])).toEqual([{ state: "completed", retry_count: 0 }]);
    expect((await inOther.transformation.get({ id: keptRun.id })).status).toBe("succeeded");
    expect(await inOther.document.list({})).toEqual(before.documents);
    expect(await inOther.invitation.list()).toEqual(before.invitations);
    expect(await inOther.audit.list({})).toEqual(before.audit);
    expect((await inOther.workspace.current()).name).toBe("Survivor, renamed");
  });
});

describeOnPostgres("deleting a workspace while a worker writes to it", () => {
  const api = useApi("postgres");

  it("waits for the worker's transaction instead of deadlocking with it", async () => {
    const owner = await api.signUp("owner");
    const workspaceId = owner.workspace.id;
    const document = await owner.caller.document.create({
      title: "x",
      format: "text",
      content: "x",
    });
    const queued = await owner.caller.transformation.create({
      documentId: document.id,
      steps: [{ kind: "stats", params: {} }],
    });
    let writing!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (writing = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    // A worker's write, as in runJob: the transformation row first, then its event row, whose
    // foreign key locks the workspace row.
    const worker = withTenant(api.app, workspaceId, async (tx) => {
      const [row] = await tx
        .update(transformations)
        .set({ status: "running", progress: 0 })
        .where(and(eq(transformations.workspaceId, workspaceId), eq(transformations.id, queued.id)))
        .returning();
      writing();
      await released;
      await recordEvent(tx, row!);
    });
    await started;
    const deleting = owner.caller.workspace.delete({ confirmName: owner.workspace.name });
    // Time for the delete to reach the rows the worker holds.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await expect(worker).resolves.toBeUndefined();
    await expect(deleting).resolves.toEqual({ id: workspaceId });
    await rejection(owner.caller.workspace.current(), "FORBIDDEN");
  });

  it("still succeeds when a session refresh at the same moment deadlocks with it", async () => {
    const owner = await api.signUp("owner");
    const workspaceId = owner.workspace.id;
    let spent!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (spent = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    // As auth.refresh does: spend the session's row, then insert its successor, whose foreign key
    // locks the workspace row the delete holds while its cascade waits for the spent row.
    const refreshing = api.db.transaction(async (tx) => {
      await tx.execute(
        sql`update refresh_sessions set used_at = now() where workspace_id = ${workspaceId}`,
      );
      spent();
      await released;
      await tx.execute(
        sql`insert into refresh_sessions (id, family_id, user_id, workspace_id, token_hash, expires_at)
            values (gen_random_uuid(), gen_random_uuid(), ${owner.user.id}, ${workspaceId},
                    ${`successor-${workspaceId}`}, now() + interval '1 day')`,
      );
    });
    await started;
    const deleting = owner.caller.workspace.delete({ confirmName: owner.workspace.name });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await Promise.allSettled([refreshing]);
    await expect(deleting).resolves.toEqual({ id: workspaceId });
    await rejection(owner.caller.workspace.current(), "FORBIDDEN");
  });
});
