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
        accountWideFailures: 10,
        registrationsPerIp: 3,
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

  /** The counter of failures on an account from one address (`null`: an unknown address). */
  const pairKey = (email: string, ip: string | null = null) =>
    `account:${email}|ip:${ip ?? "unknown"}`;

  it("locks an account from an address after its failures, even against the right password, and says when to retry", async () => {
    const { email } = await api.signUp("locked");
    await fail(email, 3);
    const refused = await rejection(api.as().auth.login({ email, password }), "TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/try again in 1 minute/i);
    const other = await api.signUp("unaffected");
    await api.as().auth.login({ email: other.email, password });
    // The same account from another address is judged by that address's count.
    await api.from({ ip: "198.51.100.20" }).auth.login({ email, password });
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
    const key = pairKey(email);
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
    expect(await throttleOf(pairKey(email))).toBeUndefined();
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
      .where(eq(loginThrottle.key, pairKey(email)));
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

  it("slows guesses spread over many addresses without locking the owner out of their own", async () => {
    const { email } = await api.signUp("targeted");
    const home = "203.0.113.50";
    await api.from({ ip: home }).auth.login({ email, password });
    // Ten addresses, one guess each: under every address's limit, at the account-wide one.
    for (let i = 0; i < 10; i++) await fail(email, 1, `198.51.100.${100 + i}`);
    const stranger = await rejection(
      api.from({ ip: "198.51.100.200" }).auth.login({ email, password }),
      "TOO_MANY_REQUESTS",
    );
    expect(stranger.message).toMatch(/try again in 1 minute/i);
    // From an address it signed in from before, the account is judged by that address alone.
    await fail(email, 2, home);
    await api.from({ ip: home }).auth.login({ email, password });
    // The account-wide lock doubles with each guess after it runs out: slower and slower.
    await api.db
      .update(loginThrottle)
      .set({ lockedUntil: sql`now()` })
      .where(eq(loginThrottle.key, `account:${email}`));
    await fail(email, 1, "198.51.100.201");
    const row = (await throttleOf(`account:${email}`))!;
    expect((row.lockedUntil!.getTime() - row.lastFailureAt.getTime()) / 1000).toBe(120);
  });

  it("logs attempts on an account in its own security log, never in its workspaces' audit logs", async () => {
    const { email, caller } = await api.signUp("attacked");
    await caller.workspace.create({ name: "Second" });
    const attacker = { ip: "203.0.113.9", userAgent: "curl/8" };
    for (let i = 0; i < 3; i++) {
      await rejection(
        api.from(attacker).auth.login({ email, password: "wrong password" }),
        "UNAUTHORIZED",
      );
    }
    // Refused attempts are counted on one row, not written one by one.
    for (let i = 0; i < 4; i++) {
      await rejection(api.from(attacker).auth.login({ email, password }), "TOO_MANY_REQUESTS");
    }
    await api
      .from({ ip: "203.0.113.10", userAgent: "Firefox/140" })
      .auth.login({ email, password });

    const { items } = await caller.auth.securityEvents({});
    expect(items).toMatchObject([
      { action: "sign_in", ip: "203.0.113.10", userAgent: "Firefox/140", attempts: 1 },
      { action: "sign_in_throttled", ...attacker, attempts: 4 },
      { action: "sign_in_failed", ...attacker, attempts: 1 },
      { action: "sign_in_failed", ...attacker, attempts: 1 },
      { action: "sign_in_failed", ...attacker, attempts: 1 },
    ]);
    const audit = await api.db.select().from(auditEvents).where(eq(auditEvents.ip, attacker.ip));
    expect(audit).toEqual([]);
    expect((await caller.audit.list({})).items.map((event) => event.action)).not.toContain(
      "auth.sign_in_failed",
    );
    // Someone else's log is not theirs to read.
    const other = await api.signUp("other");
    expect((await other.caller.auth.securityEvents({})).items).toEqual([]);
  });

  it("limits sign-ups from one address", async () => {
    const from = (ip: string) => (label: string) =>
      api.from({ ip }).auth.register({ email: uniqueEmail(label), password, name: label });
    const crowded = from("198.51.100.30");
    for (let i = 0; i < 3; i++) await crowded("signup");
    const refused = await rejection(crowded("signup"), "TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/too many sign-ups/i);
    await from("198.51.100.31")("elsewhere");
  });
});
