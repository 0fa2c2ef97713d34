import { Socket } from "node:net";
import { describeEachEngine } from "@transmute/db/testing";
import { testDatabaseUrl } from "@transmute/db/test-database";
import { afterAll, beforeAll, expect, it } from "vitest";
import { useApi } from "./harness";

/**
 * Counts round trips to PostgreSQL: writes to a database socket that follow an answer on it, so
 * statements sent without waiting (or one statement split over writes) count once.
 */
function roundTripCounter(port: number) {
  const answered = new WeakMap<Socket, boolean>();
  const counter = { trips: 0, restore: () => {} };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this`
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
    if (this.remotePort === port) {
      if (!answered.has(this)) this.on("data", () => answered.set(this, true));
      if (answered.get(this) !== false) counter.trips++;
      answered.set(this, false);
    }
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  };
  counter.restore = () => void (Socket.prototype.write = write);
  return counter;
}

// Round trips are a network matter: PGlite runs in the process, so only PostgreSQL is counted.
describeEachEngine("round trips per call", (engine) => {
  const api = useApi(engine);
  let counter: ReturnType<typeof roundTripCounter>;
  beforeAll(() => {
    if (engine === "postgres")
      counter = roundTripCounter(Number(new URL(testDatabaseUrl).port || 5432));
  });
  afterAll(() => counter?.restore());

  /** The fewest round trips of a few calls (the job queue may talk to the database meanwhile). */
  async function fewest(call: () => Promise<unknown>) {
    await call();
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = counter.trips;
      await call();
      counts.push(counter.trips - before);
    }
    return Math.min(...counts);
  }

  it.skipIf(engine === "pglite")(
    "document.list takes five: BEGIN, the tenant setting, the membership check, the page, COMMIT",
    async () => {
      const { caller } = await api.signUp("trips");
      for (let i = 0; i < 3; i++) {
        await caller.document.create({ title: `d${i}`, format: "text", content: "x" });
      }
      expect(await fewest(() => caller.document.list({ limit: 2 }))).toBe(5);
      // With a key: its lookup instead of the membership check, outside the transaction.
      const { secret } = await caller.apiKey.create({ name: "k", scopes: ["documents:read"] });
      expect(await fewest(() => api.as(secret).document.list({ limit: 2 }))).toBe(5);
    },
  );
});
