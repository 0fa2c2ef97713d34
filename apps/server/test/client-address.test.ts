import { randomBytes } from "node:crypto";
import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { testEnv, useServer } from "./support";

const password = "correct horse battery";

/** Calls a procedure over plain HTTP with the given headers; the answer's status and data. */
async function call(
  url: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: unknown }> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: input === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", ...headers },
    body: input === undefined ? undefined : JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: unknown } } };
  return { status: response.status, data: body.result?.data?.json };
}

/** Signs up, then signs in with these headers; the IP address the new session shows. */
async function addressSeen(url: string, headers: Record<string, string>) {
  const email = `address-${Date.now()}-${Math.random()}@example.test`;
  await call(url, "auth.register", { email, password, name: "Address" });
  const login = await call(url, "auth.login", { email, password }, headers);
  expect(login.status).toBe(200);
  const { tokens } = login.data as { tokens: { accessToken: string } };
  const sessions = await call(url, "auth.sessions", undefined, {
    authorization: `Bearer ${tokens.accessToken}`,
  });
  return (sessions.data as { ip: string | null; current: boolean }[]).find((s) => s.current)!.ip;
}

// Random, so that PostgreSQL cannot compress it below what an index entry may hold.
const hugeForwardedFor = randomBytes(4500).toString("base64");

describeEachEngine("the client's address, with no trusted proxy (the default)", (engine) => {
  const running = useServer(engine);

  it("ignores X-Forwarded-For: a client cannot pick its own address", async () => {
    const ip = await addressSeen(running.server.url, { "x-forwarded-for": "203.0.113.9" });
    expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it("answers a huge X-Forwarded-For on auth.login like any other wrong password, never a 500", async () => {
    const wrong = await call(
      running.server.url,
      "auth.login",
      { email: "nobody@example.test", password: "wrong password" },
      { "x-forwarded-for": hugeForwardedFor },
    );
    expect(wrong.status).toBe(401);
  });
});

describeEachEngine("the client's address, behind a trusted proxy", (engine) => {
  const running = useServer(engine, testEnv({ TRUSTED_PROXIES: "127.0.0.1, ::1" }));

  it("takes the address the proxy names", async () => {
    const ip = await addressSeen(running.server.url, { "x-forwarded-for": "203.0.113.9" });
    expect(ip).toBe("203.0.113.9");
  });

  it("stores only addresses: what the proxy passes on that is not one is replaced by the proxy's", async () => {
    const ip = await addressSeen(running.server.url, { "x-forwarded-for": hugeForwardedFor });
    expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    const wrong = await call(
      running.server.url,
      "auth.login",
      { email: "nobody@example.test", password: "wrong password" },
      { "x-forwarded-for": hugeForwardedFor },
    );
    expect(wrong.status).toBe(401);
  });
});
