import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: "esm",
  target: "node22",
  platform: "node",
  dts: {
    compilerOptions: {
      ignoreDeprecations: "6.0",
      paths: {
        "@transmute/api/limits": ["../api/src/limits.ts"],
        "@transmute/*": ["../*/src/index.ts"],
      },
    },
  },
  clean: true,
});
