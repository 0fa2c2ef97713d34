import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new endpoint's signing secret; shown to the admin once. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/**
 * The `Transmute-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed
 * with the endpoint's secret, as Stripe and Svix do. Signing the timestamp with the body lets a
 * receiver refuse an old delivery replayed by someone who captured it.
 */
export function signatureHeader(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * What a receiver does: recompute the HMAC over the raw body as received, compare in constant
 * time, and refuse a timestamp more than `toleranceSeconds` from now.
 */
export function verifyWebhookSignature(options: {
  secret: string;
  header: string;
  body: string;
  toleranceSeconds?: number;
  nowSeconds?: number;
}): boolean {
  const { secret, header, body, toleranceSeconds = 300 } = options;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const parts = header.split(",").map((part) => part.split("=", 2) as [string, string?]);
  const timestamp = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  return parts.some(([key, value]) => {
    if (key !== "v1" || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, "hex"), expected);
  });
}
