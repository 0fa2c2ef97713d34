import { defineConfig } from "vitest/config";

// Separate from vite.config.ts: the browser tests build the app from that file themselves.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["test/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["e2e/**/*.e2e.test.ts"],
          // One production build for every browser test file.
          globalSetup: ["e2e/support/buildApp.ts"],
          // One file at a time: each drives a browser against servers of its own, and the
          // timings they print mean more without a second file competing for two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
