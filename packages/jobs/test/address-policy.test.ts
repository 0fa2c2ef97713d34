import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isPublicAddress, resolveWebhookTarget } from "../src";
import { postWebhook } from "../src/webhooks/send";

const production = { allowPrivateNetworks: false };

describe("the webhook address check", () => {
  it.each([
    ["8.8.8.8", true],
    ["1.1.1.1", true],
    ["172.32.0.1", true],
    ["127.0.0.1", false],
    ["127.255.255.254", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["198.51.100.7", false],
  ])("IPv4 %s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it.each([
    ["2606:4700:4700::1111", true],
    ["2a00:1450:4001:81b::200e", true],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fc00::1", false],
    ["fd12:3456:789a::1", false],
    ["ff02::1", false],
    ["2001:db8::1", false],
    // 6to4 and NAT64 carry an IPv4 address inside, here 127.0.0.1.
    ["2002:7f00:1::1", false],
    ["64:ff9b::7f00:1", false],
    // IPv4-mapped: judged by the IPv4 address inside, in either notation.
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:10.0.0.1", false],
    ["::ffff:8.8.8.8", true],
    ["not an address", false],
  ])("IPv6 %s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it.each([
    ["http://example.com/hook", /https/],
    ["ftp://example.com/hook", /https/],
    ["https://user:secret@example.com/hook", /credentials/],
    ["https://127.0.0.1/hook", /not a public address/],
    ["https://[::1]/hook", /not a public address/],
    ["https://[::ffff:127.0.0.1]/hook", /not a public address/],
    // Other spellings of 127.0.0.1, which the URL parser normalises.
    ["https://2130706433/hook", /not a public address/],
    ["https://0x7f.1/hook", /not a public address/],
    ["https://169.254.169.254/latest/meta-data", /not a public address/],
    ["nonsense", /valid URL/],
  ])("refuses %s in production", (url, reason) => {
    const verdict = checkWebhookUrl(url, production);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(reason) as unknown });
  });

  it("refuses a name that resolves to a loopback address, once resolved", async () => {
    expect(checkWebhookUrl("https://localhost/hook", production).ok).toBe(true);
    const verdict = await resolveWebhookTarget("https://localhost/hook", production);
    expect(verdict).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^localhost resolves to (127\.0\.0\.1|::1), which is not/,
      ) as unknown,
    });
  });

  it("pins a public address literal, and allows anything when private networks are allowed", async () => {
    expect(await resolveWebhookTarget("https://8.8.8.8/hook", production)).toMatchObject({
      ok: true,
      pinned: { address: "8.8.8.8", family: 4 },
    });
    const development = await resolveWebhookTarget("http://localhost:9/hook", {
      allowPrivateNetworks: true,
    });
    expect(development).toMatchObject({ ok: true });
    expect(development).not.toHaveProperty("pinned");
  });

  it("connects to the checked address, not to whatever the name resolves to later", async () => {
    const seen: IncomingMessage[] = [];
    const server = createServer((request, response) => {
      seen.push(request);
      request.resume();
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // `.invalid` never resolves (RFC 2606): the request can only arrive through the pin.
      const url = new URL(`http://hooks.example.invalid:${port}/in`);
      const response = await postWebhook(
        { url, pinned: { address: "127.0.0.1", family: 4 } },
        { "Content-Type": "application/json" },
        "{}",
        2_000,
      );
      expect(response.status).toBe(204);
      expect(seen[0]!.headers.host).toBe(`hooks.example.invalid:${port}`);
    } finally {
      server.close();
    }
  });
});
