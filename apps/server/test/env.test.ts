import { describe, expect, it } from "vitest";
import { DEVELOPMENT_JWT_SECRET, jobSettingsFrom, parseEnv } from "../src/env";

describe("configuration", () => {
  it("has working defaults for development", () => {
    const parsed = parseEnv({});
    expect(parsed.ok && parsed.env).toMatchObject({
      PORT: 3000,
      NODE_ENV: "development",
      CORS_ORIGINS: ["http://localhost:5173"],
    });
  });

  it("refuses production with the public development secret, saying which variable", () => {
    const parsed = parseEnv({ NODE_ENV: "production" });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain("JWT_SECRET must be set in production");
    expect(parseEnv({ NODE_ENV: "production", JWT_SECRET: DEVELOPMENT_JWT_SECRET }).ok).toBe(false);
    expect(
      parseEnv({ NODE_ENV: "production", JWT_SECRET: "a-real-secret-of-at-least-32-chars!!" }).ok,
    ).toBe(true);
  });

  it("reads the previous JWT secrets for a rotation: each long enough, never the public one in production", () => {
    const [older, old] = ["o".repeat(32), "p".repeat(40)];
    const parsed = parseEnv({ JWT_PREVIOUS_SECRETS: `${older}, ${old}` });
    expect(parsed.ok && parsed.env.JWT_PREVIOUS_SECRETS).toEqual([older, old]);
    const none = parseEnv({});
    expect(none.ok && none.env.JWT_PREVIOUS_SECRETS).toEqual([]);

    const short = parseEnv({ JWT_PREVIOUS_SECRETS: `${old},short` });
    expect(!short.ok && short.message).toContain("JWT_PREVIOUS_SECRETS.1");
    const production = {
      NODE_ENV: "production",
      JWT_SECRET: "a-real-secret-of-at-least-32-chars!!",
    };
    const publicOne = parseEnv({ ...production, JWT_PREVIOUS_SECRETS: DEVELOPMENT_JWT_SECRET });
    expect(!publicOne.ok && publicOne.message).toContain("JWT_PREVIOUS_SECRETS");
    expect(parseEnv({ ...production, JWT_PREVIOUS_SECRETS: old }).ok).toBe(true);
  });

  it("trusts no proxy unless told which, and refuses what is not an address or range", () => {
    const none = parseEnv({});
    expect(none.ok && none.env.TRUSTED_PROXIES).toEqual([]);
    const some = parseEnv({ TRUSTED_PROXIES: "10.0.0.1, 10.1.0.0/16, ::1, loopback" });
    expect(some.ok && some.env.TRUSTED_PROXIES).toEqual([
      "10.0.0.1",
      "10.1.0.0/16",
      "::1",
      "loopback",
    ]);
    const bad = parseEnv({ TRUSTED_PROXIES: "10.0.0.1,proxy.internal" });
    expect(!bad.ok && bad.message).toContain("TRUSTED_PROXIES.1");
  });

  it("lets webhooks reach private networks and plain http outside production only, unless told", () => {
    const production = {
      NODE_ENV: "production",
      JWT_SECRET: "a-real-secret-of-at-least-32-chars!!",
    };
    const allowed = (source: Record<string, string>) => {
      const parsed = parseEnv(source);
      if (!parsed.ok) throw new Error(parsed.message);
      return jobSettingsFrom(parsed.env).webhooks.allowPrivateNetworks;
    };
    expect(allowed({})).toBe(true);
    expect(allowed({ WEBHOOK_ALLOW_PRIVATE: "false" })).toBe(false);
    expect(allowed(production)).toBe(false);
    expect(allowed({ ...production, WEBHOOK_ALLOW_PRIVATE: "true" })).toBe(true);
    const bad = parseEnv({ WEBHOOK_ALLOW_PRIVATE: "yes", WEBHOOK_MAX_ATTEMPTS: "0" });
    const message = bad.ok ? "" : bad.message;
    expect(message).toContain("WEBHOOK_ALLOW_PRIVATE");
    expect(message).toContain("WEBHOOK_MAX_ATTEMPTS");
  });

  it("names every bad variable in one readable message", () => {
    const parsed = parseEnv({ PORT: "seventy", DATABASE_URL: "mysql://x", JWT_SECRET: "short" });
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? "" : parsed.message;
    for (const name of ["PORT", "DATABASE_URL", "JWT_SECRET"]) expect(message).toContain(name);
  });

  it("splits the CORS allowlist and treats empty variables as unset", () => {
    const parsed = parseEnv({ CORS_ORIGINS: "https://a.test, https://b.test", PORT: "" });
    expect(parsed.ok && parsed.env).toMatchObject({
      CORS_ORIGINS: ["https://a.test", "https://b.test"],
      PORT: 3000,
    });
  });
});
