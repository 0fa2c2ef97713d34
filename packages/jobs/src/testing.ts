// Test support: a fresh database with the job queue installed, as the server sets one up.
import type { Engine } from "@transmute/db";
import {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseOptions,
} from "@transmute/db/testing";
import { prepareQueue } from "./queue";
import { defaultJobSettings, type JobSettings } from "./settings";

export function createJobsTestDatabase(
  engine: Engine,
  settings: JobSettings = defaultJobSettings,
  options: Omit<TestDatabaseOptions, "prepare"> = {},
): Promise<TestDatabase> {
  return createTestDatabase(engine, {
    ...options,
    prepare: (owner) => prepareQueue(owner, settings),
  });
}
