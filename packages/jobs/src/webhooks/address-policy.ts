import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where webhooks may not go when private networks are not allowed (production): this host, the
 * private networks around it, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
 * multicast and the reserved and documentation ranges. IPv4-mapped IPv6 addresses
 * (`::ffff:127.0.0.1`) match the IPv4 rules.
 */
const blockedIpv4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blockedIpv4.addSubnet(network, prefix, "ipv4");
}

const ipv4Mapped = new BlockList();
ipv4Mapped.addSubnet("::ffff:0:0", 96, "ipv6");

/** IPv6 is allowed only in global unicast, 2000::/3: loopback, unique-local, link-local are not. */
const globalUnicast = new BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");
/** Inside it: protocol assignments (Teredo among them), documentation, and 6to4, which embeds IPv4. */
const blockedIpv6 = new BlockList();
for (const [network, prefix] of [
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
] as const) {
  blockedIpv6.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address (v4 or v6, as text) is on the public internet. Anything else is not. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blockedIpv4.check(address, "ipv4");
  if (family !== 6) return false;
  if (ipv4Mapped.check(address, "ipv6")) return !blockedIpv4.check(address, "ipv6");
  return globalUnicast.check(address, "ipv6") && !blockedIpv6.check(address, "ipv6");
}

export interface AddressPolicy {
  /** Plain http, and any address, are allowed: development, tests, a trusted internal network. */
  allowPrivateNetworks: boolean;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** What can be told from the URL alone: the scheme, no credentials, an IP literal's range. */
export function checkWebhookUrl(raw: string, policy: AddressPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "Not a valid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "Webhook URLs must use https" };
  }
  if (url.username || url.password) {
    return { ok: false, reason: "Webhook URLs must not contain credentials" };
  }
  if (policy.allowPrivateNetworks) return { ok: true, url };
  if (url.protocol !== "https:") return { ok: false, reason: "Webhook URLs must use https" };
  const host = hostOf(url);
  if (isIP(host) && !isPublicAddress(host)) return { ok: false, reason: privateReason(host) };
  return { ok: true, url };
}

/** An address to connect to, already checked; absent when the URL's host is used as is. */
export interface ResolvedTarget {
  url: URL;
  pinned?: { address: string; family: 4 | 6 };
}

/** `retryable`: the name did not resolve, which may pass; a refused address will not. */
export type TargetVerdict =
  ({ ok: true } & ResolvedTarget) | { ok: false; reason: string; retryable?: boolean };

/**
 * Checks the URL and, unless private networks are allowed, resolves its host and refuses it if
 * any address is not public. The caller connects to the returned address, not to the name again,
 * so a DNS answer that changes between the check and the connection (rebinding) cannot slip in.
 */
export async function resolveWebhookTarget(
  raw: string,
  policy: AddressPolicy,
): Promise<TargetVerdict> {
  const checked = checkWebhookUrl(raw, policy);
  if (!checked.ok || policy.allowPrivateNetworks) return checked;
  const { url } = checked;
  const host = hostOf(url);
  const literal = isIP(host);
  if (literal) return { ok: true, url, pinned: { address: host, family: literal as 4 | 6 } };
  let addresses: { address: string; family: number }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, reason: `Cannot resolve ${host}`, retryable: true };
  }
  const refused = addresses.find((entry) => !isPublicAddress(entry.address));
  if (refused) return { ok: false, reason: privateReason(refused.address, host) };
  const [first] = addresses;
  if (!first) return { ok: false, reason: `Cannot resolve ${host}`, retryable: true };
  return { ok: true, url, pinned: { address: first.address, family: first.family === 6 ? 6 : 4 } };
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

const privateReason = (address: string, host?: string) =>
  `${host ? `${host} resolves to ${address}, which` : address} is not a public address; webhooks cannot target loopback, private, link-local or unique-local networks`;
