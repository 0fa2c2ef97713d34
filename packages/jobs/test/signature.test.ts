import { createHmac } from "node:crypto";
import { expect, it } from "vitest";
import { newWebhookSecret, signatureHeader, verifyWebhookSignature } from "../src";

const secret = newWebhookSecret();
const body = JSON.stringify({ id: "evt", type: "document.created", data: { n: 1 } });

it("signs `<timestamp>.<body>` with HMAC-SHA256 as the README describes", () => {
  const header = signatureHeader(secret, body, 1_700_000_000);
  const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
  expect(header).toBe(`t=1700000000,v1=${expected}`);
  expect(secret).toMatch(/^whsec_[\w-]{43}$/);
});

it("verifies a fresh signature and refuses a changed body, another secret or an old timestamp", () => {
  const now = Math.floor(Date.now() / 1000);
  const header = signatureHeader(secret, body, now);
  expect(verifyWebhookSignature({ secret, header, body })).toBe(true);
  expect(verifyWebhookSignature({ secret, header, body: body.replace("1", "2") })).toBe(false);
  expect(verifyWebhookSignature({ secret: newWebhookSecret(), header, body })).toBe(false);
  const old = signatureHeader(secret, body, now - 301);
  expect(verifyWebhookSignature({ secret, header: old, body })).toBe(false);
  expect(verifyWebhookSignature({ secret, header: "t=x,v1=zz", body })).toBe(false);
});
