import { pino, type Logger } from "pino";
import type { Env } from "./env";

export type { Logger };

export const createLogger = (env: Pick<Env, "LOG_LEVEL">): Logger => pino({ level: env.LOG_LEVEL });
