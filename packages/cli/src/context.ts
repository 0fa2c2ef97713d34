import { createTransmuteClient, type TransmuteClient } from "@transmute/client";
import { configPath, readConfig, writeConfig, type Config } from "./config";
import { authenticatedClient } from "./session";

/** The global options, as every command receives them. */
export interface GlobalOptions {
  url?: string;
  json?: boolean;
}

export const DEFAULT_URL = "http://localhost:3000";

/** What a command works with: where the server is, the saved config, and clients for it. */
export interface Context {
  url: string;
  json: boolean;
  configPath: string;
  config: Config;
  save(config: Config): Promise<void>;
  /** Signed in as the saved credentials (or TRANSMUTE_API_KEY); fails with exit code 3 without. */
  client(): TransmuteClient;
  /** For signing in. */
  anonymous(): TransmuteClient;
}

export async function createContext(options: GlobalOptions): Promise<Context> {
  const path = configPath();
  const config = await readConfig(path);
  const url = options.url ?? process.env.TRANSMUTE_URL ?? config.url ?? DEFAULT_URL;
  const save = (next: Config) => writeConfig(next, path);
  return {
    url,
    json: options.json ?? false,
    configPath: path,
    config,
    save,
    client: () => authenticatedClient(url, config, save),
    anonymous: () => createTransmuteClient({ url }),
  };
}
