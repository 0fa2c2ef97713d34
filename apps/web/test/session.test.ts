import { TRPCClientError } from "@trpc/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthFetch } from "../src/auth/authFetch";
import { Session, type AuthEndpoints } from "../src/auth/session";
import type { TokenPair } from "../src/trpc";

const KEY = "transmute.refreshToken";

const pair = (n: number, ttlMs = 15 * 60_000): TokenPair => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessTokenExpiresAt: new Date(Date.now() + ttlMs),
});

const refused = () =>
  new TRPCClientError("Sign in again", {
    result: {
      error: {
        code: -32001,
        message: "Sign in again",
        data: { code: "UNAUTHORIZED", httpStatus: 401 },
      },
    },
  });

function setup(refresh: AuthEndpoints["refresh"]) {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
  const endpoints = { refresh: vi.fn(refresh), logout: vi.fn(() => Promise.resolve()) };
  return { items, endpoints, session: new Session(endpoints, storage) };
}

/** A server that accepts only `valid` and records the token each request carried. */
function stubServer(valid: string) {
  const seen: (string | null)[] = [];
  vi.stubGlobal("fetch", (_input: unknown, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get("Authorization");
    seen.push(auth);
    return Promise.resolve(new Response("{}", { status: auth === `Bearer ${valid}` ? 200 : 401 }));
  });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("auth fetch and session", () => {
  it("renews a token about to expire once for concurrent requests", async () => {
    const { session, endpoints } = setup(() => Promise.resolve(pair(2)));
    session.signIn(pair(1, 1_000));
    const seen = stubServer("access-2");
    const authFetch = createAuthFetch(session);

    const responses = await Promise.all([1, 2, 3].map(() => authFetch("/trpc/a")));

    expect(endpoints.refresh).toHaveBeenCalledTimes(1);
    expect(endpoints.refresh).toHaveBeenCalledWith("refresh-1");
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(seen).toEqual(Array(3).fill("Bearer access-2"));
  });

  it("takes a workspace switch's access token and keeps the refresh token it has", async () => {
    const { session, endpoints, items } = setup(() => Promise.resolve(pair(3)));
    session.signIn(pair(1));
    session.switchAccess({
      accessToken: "access-2",
      accessTokenExpiresAt: new Date(Date.now() + 60_000),
    });
    expect(await session.accessToken()).toBe("access-2");
    expect(items.get(KEY)).toBe("refresh-1");
    // Once the switched token runs out, the same refresh token renews it.
    session.switchAccess({ accessToken: "access-2", accessTokenExpiresAt: new Date() });
    expect(await session.accessToken()).toBe("access-3");
    expect(endpoints.refresh).toHaveBeenCalledWith("refresh-1");
  });

  it("renews once after the server refuses a token it considered fresh, then retries", async () => {
    const { session, endpoints, items } = setup(() => Promise.resolve(pair(2)));
    session.signIn(pair(1));
    const seen = stubServer("access-2");
    const authFetch = createAuthFetch(session);

    const responses = await Promise.all([authFetch("/trpc/a"), authFetch("/trpc/b")]);

    expect(endpoints.refresh).toHaveBeenCalledTimes(1);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(seen.filter((token) => token === "Bearer access-2")).toHaveLength(2);
    expect(items.get(KEY)).toBe("refresh-2");
  });

  it("signs out when the refresh token is refused", async () => {
    const { session, items } = setup(() => Promise.reject(refused()));
    session.signIn(pair(1, 1_000));
    stubServer("access-2");

    const response = await createAuthFetch(session)("/trpc/a");

    expect(response.status).toBe(401);
    expect(session.getStatus()).toBe("signedOut");
    expect(items.has(KEY)).toBe(false);
  });

  it("restores a session from the stored refresh token", async () => {
    const { session, items } = setup(() => Promise.resolve(pair(2)));
    items.set(KEY, "refresh-1");

    await session.restore();

    expect(session.getStatus()).toBe("signedIn");
    expect(await session.accessToken()).toBe("access-2");
  });

  it("keeps the refresh token when the server cannot be reached", async () => {
    const { session, items } = setup(() => Promise.reject(new TRPCClientError("fetch failed")));
    items.set(KEY, "refresh-1");

    await session.restore();

    expect(session.getStatus()).toBe("unreachable");
    expect(items.get(KEY)).toBe("refresh-1");
  });

  it("revokes the session on the server when logging out", async () => {
    const { session, endpoints, items } = setup(() => Promise.resolve(pair(2)));
    session.signIn(pair(1));

    await session.logout();

    expect(endpoints.logout).toHaveBeenCalledWith("refresh-1");
    expect(session.getStatus()).toBe("signedOut");
    expect(items.has(KEY)).toBe(false);
  });
});
