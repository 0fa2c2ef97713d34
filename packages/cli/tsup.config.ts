import { defineConfig } from "tsup";

// One file with @transmute/client inside (it is not on a registry); the rest comes from the
// dependencies in package.json.
export default defineConfig({
  entry: { main: "src/main.ts" },
  format: "esm",
  target: "node22",
  platform: "node",
  noExternal: [/^@transmute\//],
  banner: { js: "#!/usr/bin/env node" },
  clean: true,
});
