// Test support for other packages' tests: walking the router and generating its inputs.
export * from "./call";
export * from "./input-arbitrary";
export * from "./json-schema";
export * from "./procedures";
export * from "./snapshot";
