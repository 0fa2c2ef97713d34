import { createCaller, createContextInner, defaultAuthSettings } from "@transmute/api";
import type { DatabaseHandle } from "@transmute/db";
import type { Env, RunningServer } from "../src";

/** An account with its own workspace, and the API called in-process as it, for seeding. */
export async function signUp(env: Env, database: DatabaseHandle, server: RunningServer) {
  const deps = {
    db: database.db,
    auth: { ...defaultAuthSettings, jwtSecret: env.JWT_SECRET },
    exposeInternalErrors: false,
    jobs: server.jobs,
  };
  const { tokens, workspace } = await createCaller(createContextInner(deps)).auth.register({
    email: "bench@example.test",
    password: "bench password",
    name: "Bench",
  });
  return { tokens, workspace, api: createCaller(createContextInner(deps, tokens.accessToken)) };
}
