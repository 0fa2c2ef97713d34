// `pnpm db:migrate`: applies migrations to DATABASE_URL, or to the embedded database in .data/.
import { createDatabase } from "../client";
import { migrate } from "../migrate";
import { defaultDataDir } from "../paths";

const handle = await createDatabase({
  url: process.env.DATABASE_URL,
  dataDir: process.env.PGLITE_DIR ?? defaultDataDir,
});
await migrate(handle, process.env.MIGRATIONS_DIR);
await handle.close();
console.log(`migrated (${handle.engine})`);
