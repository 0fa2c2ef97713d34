import { auditEvents, loginThrottle, sql } from "@transmute/db";
import { describeEachEngine } from "@transmute/db/testing";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { rejection, uniqueEmail, useApi } from "./harness";

describeEachEngine("sign-in throttling and audit", (engine) => {
  const api = useApi(engine, {
    auth: {
      throttle: {
        accountFailures: 3,
        ipFailures: 5,
        windowSeconds: 900,
        baseLockSeconds: 60,
        maxLockSeconds: 240,
      },
    },
  });
  const password = "correct horse battery";

  const fail = async (email: string, times = 1, ip: string | null = null) => {
    for (let i = 0; i < times; i++) {
      await rejection(
        api.from({ ip }).auth.login({ email, password: "wrong password" }),
        "UNAUTHORIZED",
      );
    }
  };

  const throttleOf = async (key: string) =>
    (await api.db.select().from(loginThrottle).where(eq(loginThrottle.key, key)))[0];

  it("locks an account after its failures, even against the right password, and says when to retry", async () => {
    const { email } = await api.signUp("locked");
    await fail(email, 3);
    const refused = await rejection(api.as().auth.login({ email, password }), "TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/try again in 1 minute/i);
    const other = await api.signUp("unaffected");
    await api.as().auth.login({ email: other.email, password });
  });

  it("locks an address that fails across many accounts, and only that address", async () => {
    const attacker = "198.51.100.66";
    for (let i = 0; i < 5; i++) await fail(uniqueEmail("spray"), 1, attacker);
    const { email } = await api.signUp("bystander");
    await rejection(
      api.from({ ip: attacker }).auth.login({ email, password }),
      "TOO_MANY_REQUESTS",
    );
    // The refused attempt did not count against the account it named.
    expect(await throttleOf(`account:${email}`)).toBeUndefined();
    await api.from({ ip: "198.51.100.67" }).auth.login({ email, password });
  });

  it("doubles the lock with each further failure, up to the maximum", async () => {
    const { email } = await api.signUp("backoff");
    const key = `account:${email}`;
    const lockSeconds = async () => {
      const row = (await throttleOf(key))!;
      return (row.lockedUntil!.getTime() - row.lastFailureAt.getTime()) / 1000;
    };
    await fail(email, 3);
    const locks = [await lockSeconds()];
    for (let i = 0; i < 3; i++) {
      // The lock runs out; the next failure locks again, for longer.
      await api.db
        .update(loginThrottle)
        .set({ lockedUntil: sql`now()` })
        .where(eq(loginThrottle.key, key));
      await fail(email);
      locks.push(await lockSeconds());
    }
    expect(locks).toEqual([60, 120, 240, 240]);
  });

  it("forgets an account's failures once the right password is given", async () => {
    const { email } = await api.signUp("reset");
    await fail(email, 2);
    await api.as().auth.login({ email, password });
    expect(await throttleOf(`account:${email}`)).toBeUndefined();
    // Two more failures would have made four, past the limit of three, had the count gone on.
    await fail(email, 2);
    await api.as().auth.login({ email, password });
  });

  it("starts counting again after a quiet window", async () => {
    const { email } = await api.signUp("quiet");
    await fail(email, 2);
    await api.db
      .update(loginThrottle)
      .set({ lastFailureAt: sql`now() - interval '901 seconds'` })
      .where(eq(loginThrottle.key, `account:${email}`));
    await fail(email, 2);
    await api.as().auth.login({ email, password });
  });

  it("counts concurrent attempts one by one and refuses those past the limit", async () => {
    const { email } = await api.signUp("concurrent");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => api.as().auth.login({ email, password: "wrong password" })),
    );
    const codes = results.map((result) =>
      result.status === "rejected" ? (result.reason as { code: string }).code : "OK",
    );
    expect(codes.sort()).toEqual([
      ...Array<string>(3).fill("TOO_MANY_REQUESTS"),
      ...Array<string>(3).fill("UNAUTHORIZED"),
    ]);
  });

  const auditOf = (action: "auth.sign_in" | "auth.sign_in_failed", userId: string) =>
    api.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, action),
          action === "auth.sign_in"
            ? eq(auditEvents.actorId, userId)
            : eq(auditEvents.targetId, userId),
        ),
      );

  it("records a sign-in in the workspace signed into, by the user, from where it came", async () => {
    const { email, user, workspace } = await api.signUp("audited");
    const client = { ip: "203.0.113.8", userAgent: "Firefox/140" };
    await api.from(client).auth.login({ email, password });
    expect(await auditOf("auth.sign_in", user.id)).toMatchObject([
      { workspaceId: workspace.id, actorId: user.id, ...client },
    ]);
  });

  it("records failed sign-ins of an account in each of its workspaces, with the reason", async () => {
    const { email, user, workspace, caller } = await api.signUp("attacked");
    const second = await caller.workspace.create({ name: "Second" });
    await fail(email, 3, "203.0.113.9");
    await rejection(api.as().auth.login({ email, password }), "TOO_MANY_REQUESTS");
    const failed = await auditOf("auth.sign_in_failed", user.id);
    const seen = failed.map((row) => `${row.workspaceId} ${String(row.details.reason)}`).sort();
    expect(seen).toEqual(
      [workspace.id, second.id]
        .flatMap((id) => [
          `${id} wrong_password`,
          `${id} wrong_password`,
          `${id} wrong_password`,
          `${id} throttled`,
        ])
        .sort(),
    );
    expect(failed.every((row) => row.actorId === null)).toBe(true);
    expect(failed.filter((row) => row.ip === "203.0.113.9")).toHaveLength(6);

    // An unknown email belongs to no workspace: nothing to record, and nowhere to.
    const count = async () =>
      (await api.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed")))
        .length;
    const before = await count();
    await fail(uniqueEmail("nobody"));
    expect(await count()).toBe(before);
  });
});
