import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** What `login` and `use-key` remember between runs. */
export interface Config {
  url?: string;
  credentials?:
    | { type: "key"; key: string }
    | {
        type: "session";
        email: string;
        accessToken: string;
        refreshToken: string;
        /** ISO time the access token stops working. */
        accessTokenExpiresAt: string;
      };
}

/** $XDG_CONFIG_HOME/transmute/config.json, or ~/.config/transmute/config.json. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "transmute", "config.json");
}

export async function readConfig(path = configPath()): Promise<Config> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as Config;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Tokens and keys are secrets: the folder is the user's alone (0700), the file too (0600). */
export async function writeConfig(config: Config, path = configPath()): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file.
  await chmod(path, 0o600);
}

export async function removeConfig(path = configPath()): Promise<void> {
  await rm(path, { force: true });
}
