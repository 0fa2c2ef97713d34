// Preloaded (`node --import`) into the servers `pnpm bench:api` measures: counts round trips to
// PostgreSQL, that is writes to its socket that follow an answer (statements sent without waiting,
// pipelined, count once however postgres.js splits them), and answers the count over IPC.
import { Socket } from "node:net";

const port = Number(process.env.BENCH_PG_PORT ?? 5432);
const answered = new WeakMap<Socket, boolean>();
let trips = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this`
const write = Socket.prototype.write;
Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
  if (this.remotePort === port) {
    if (!answered.has(this)) this.on("data", () => answered.set(this, true));
    if (answered.get(this) !== false) trips++;
    answered.set(this, false);
  }
  return (write as (...a: unknown[]) => boolean).apply(this, args);
};
process.on("message", () => process.send?.(trips));
