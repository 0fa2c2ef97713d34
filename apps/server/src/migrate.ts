// `pnpm db:migrate`: sets up the database as its owner (DATABASE_OWNER_URL, else DATABASE_URL):
// migrations and the job queue's schema. Without either, the embedded database in .data/.
import { createDatabase, defaultDataDir } from "@transmute/db";
import { setUpDatabase } from "./database";
import { parseEnv } from "./env";

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const { env } = parsed;
const url = env.DATABASE_OWNER_URL ?? env.DATABASE_URL;
const owner = await createDatabase({
  url,
  dataDir: url ? undefined : (env.PGLITE_DIR ?? defaultDataDir),
  pool: { max: 2 },
});
try {
  await setUpDatabase(owner, env);
  console.log(`migrated (${owner.engine})`);
} finally {
  await owner.close();
}
