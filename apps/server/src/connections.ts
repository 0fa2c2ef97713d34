import type { Server, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

/** A connection this long without a request is closed during a shutdown. */
const IDLE_MS = 250;

/**
 * The server's connections, for a shutdown that resets no one: from `drain()` on every answer
 * says `Connection: close` (an answer still being prepared too), and a keep-alive connection is
 * closed only once it has been idle for a moment, not in the instant between a client's
 * answer and its next request, which would meet a reset.
 */
export class Connections {
  private readonly sockets = new Map<Socket, { active: number; idleSince: number }>();
  private readonly open = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on("connection", (socket: Socket) => {
      this.sockets.set(socket, { active: 0, idleSince: Date.now() });
      socket.once("close", () => this.sockets.delete(socket));
    });
    // Before the app's own handler, so the header is set before any answer starts.
    server.prependListener("request", (req, res: ServerResponse) => {
      const state = this.sockets.get(req.socket);
      if (state) state.active++;
      if (this.draining) res.setHeader("Connection", "close");
      this.open.add(res);
      res.once("close", () => {
        this.open.delete(res);
        if (state) {
          state.active--;
          state.idleSince = Date.now();
        }
      });
    });
  }

  /**
   * Stops accepting connections and tells those open to close after their answer. Resolves when
   * every connection has closed (the sweep closes idle ones; `closeAll` the rest at the deadline).
   */
  drain(): Promise<void> {
    this.draining = true;
    for (const res of this.open) if (!res.headersSent) res.setHeader("Connection", "close");
    // net's close, not http's: http's also drops every idle keep-alive connection at once.
    const closed = new Promise<void>((resolve) =>
      NetServer.prototype.close.call(this.server, () => resolve()),
    );
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const [socket, state] of this.sockets)
        if (state.active === 0 && now - state.idleSince >= IDLE_MS) socket.destroy();
    }, IDLE_MS / 5);
    return closed.finally(() => clearInterval(sweep));
  }

  closeAll(): void {
    for (const socket of this.sockets.keys()) socket.destroy();
  }
}
