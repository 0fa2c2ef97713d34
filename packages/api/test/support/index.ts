// Test support for other packages' tests: walking the router, generating its inputs, receiving webhooks.
export * from "./call";
export * from "./input-arbitrary";
export * from "./json-schema";
export * from "./procedures";
export * from "./snapshot";
export * from "./webhook-receiver";
