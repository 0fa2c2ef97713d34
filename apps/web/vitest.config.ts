import { defineConfig } from "vitest/config";

// Separate from vite.config.ts: the browser test starts its own Vite dev server from that file.
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
