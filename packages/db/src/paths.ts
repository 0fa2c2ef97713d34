import { fileURLToPath } from "node:url";

/** The embedded database lives at the repository root, git-ignored. */
export const defaultDataDir = fileURLToPath(new URL("../../../.data/pglite", import.meta.url));
