import config from "@transmute/eslint-config";

// Fixtures are plain scripts run in a process of their own, outside the TypeScript project.
export default [{ ignores: ["test/fixtures/**"] }, ...config];
