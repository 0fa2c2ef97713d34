import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestHandler } from "express";
import type { Registry } from "prom-client";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** /metrics on the API port, for a scraper that presents `Authorization: Bearer <token>`. */
export function metricsRoute(registry: Registry, token: string): RequestHandler {
  const expected = digest(token);
  return async (req, res) => {
    const header = req.headers.authorization ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7) : "";
    // Hashes make the comparison constant-time whatever the length sent.
    if (!timingSafeEqual(digest(given), expected)) {
      res.status(401).set("WWW-Authenticate", "Bearer").end();
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}

/** /metrics on a listener of its own (METRICS_PORT), for a network only the scraper reaches. */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "Content-Type": registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
