export * from "./client";
export * from "./joins";
export * from "./migrate";
export * from "./paths";
export * from "./rows";
export * from "./schema";
export * from "./tenant";
export { and, asc, desc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
