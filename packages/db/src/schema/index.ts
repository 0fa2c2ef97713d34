export * from "./documents";
export * from "./ids";
export * from "./memberships";
export * from "./refresh-sessions";
export * from "./transformation-events";
export * from "./transformations";
export * from "./users";
export * from "./workspaces";
