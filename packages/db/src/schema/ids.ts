import { uuid } from "drizzle-orm/pg-core";
import { v7 } from "uuid";

/**
 * Primary keys are UUIDv7 made by the application: time-ordered, so B-tree inserts stay
 * append-only and `id` order is creation order, yet not enumerable like a serial.
 */
export const newId = (): string => v7();

export const primaryId = () => uuid("id").notNull().$defaultFn(newId);
