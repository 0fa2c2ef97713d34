import type { AddressInfo } from "node:net";
import { createTransmuteClient } from "@transmute/client";
import type { IngestEnv } from "./env";
import { watchFolder, type FolderOptions } from "./folder";
import { createIngestServer } from "./http";

export { parseIngestEnv, type IngestEnv } from "./env";

export interface RunningIngest {
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP endpoint and, with INGEST_DIR, the folder watch. */
export async function startIngest(
  env: IngestEnv,
  onResult?: FolderOptions["onResult"],
): Promise<RunningIngest> {
  // One client for the whole service. An API key never expires; an access token lasts 15
  // minutes, so TRANSMUTE_TOKEN suits trying things out, and a key suits running for real.
  const client = createTransmuteClient({
    url: env.TRANSMUTE_URL,
    apiKey: (env.TRANSMUTE_API_KEY ?? env.TRANSMUTE_TOKEN)!,
  });

  const folder = env.INGEST_DIR
    ? await watchFolder(client, { dir: env.INGEST_DIR, kind: env.INGEST_KIND, onResult })
    : undefined;
  const server = createIngestServer(client, env.INGEST_KIND);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.INGEST_PORT, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    /** Stops watching and taking requests; requests still waiting get their answer first. */
    async close() {
      await folder?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}
