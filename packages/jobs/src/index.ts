export * from "./events";
export * from "./queue";
export * from "./settings";
export * from "./steps";
export * from "./sweeper";
export * from "./worker";
