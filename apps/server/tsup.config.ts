import { defineConfig } from "tsup";

// Workspace packages are TypeScript source, so they are bundled in; npm dependencies stay
// external and come from the production install.
export default defineConfig({
  entry: ["src/main.ts"],
  format: "esm",
  target: "node22",
  platform: "node",
  noExternal: [/^@transmute\//],
  clean: true,
});
