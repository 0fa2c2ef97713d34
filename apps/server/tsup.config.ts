import { cpSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "tsup";

// One file with everything in it but what cannot be bundled (PGlite's WASM and data files, the
// argon2 native binding, pg's optional native driver, piscina, which starts its threads from a
// file of its own): those stay external and come from the production install, so the server's
// package.json lists them as its dependencies.
export default defineConfig((options) => ({
  // The transformation threads load their own file, found beside the bundle that starts them.
  entry: {
    main: "src/main.ts",
    worker: "../worker/src/main.ts",
    migrate: "src/migrate.ts",
    "transform-thread": "../../packages/jobs/src/threads/thread.ts",
  },
  format: "esm",
  target: "node22",
  platform: "node",
  noExternal: [/^(?!@electric-sql\/pglite|@node-rs\/argon2|pg-native|piscina)/],
  external: ["@electric-sql/pglite", "@node-rs/argon2", "pg-native", "piscina"],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    // Under a name of its own: bundled modules import createRequire themselves.
    js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
  },
  clean: true,
  // The migrations travel with the bundle, which finds them beside itself wherever it is started.
  onSuccess: async () => {
    cpSync("../../packages/db/drizzle", join(options.outDir ?? "dist", "drizzle"), {
      recursive: true,
    });
  },
}));
