import type { Server, ServerResponse } from "node:http";
import { Server as NetServer } from "node:net";

/**
 * The server's open answers, for a shutdown that resets no one. From `drain()` on, every answer
 * says `Connection: close` (one still being prepared too), so a busy keep-alive connection closes
 * after its answer. An idle one is left to the keep-alive timeout the server announced with its
 * last answer (`Keep-Alive: timeout=5`): clients that honour it drop the connection first, whereas
 * closing it from here could meet a request already on its way, which would be reset.
 */
export class Connections {
  private readonly open = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    // Before the app's own handler, so the header is set before any answer starts.
    server.prependListener("request", (_req, res: ServerResponse) => {
      if (this.draining) res.setHeader("Connection", "close");
      this.open.add(res);
      res.once("close", () => this.open.delete(res));
    });
  }

  /**
   * Stops accepting connections and closes those open after their answer (or their keep-alive
   * timeout). Resolves when every connection has closed.
   */
  drain(): Promise<void> {
    this.draining = true;
    for (const res of this.open) if (!res.headersSent) res.setHeader("Connection", "close");
    // net's close, not http's: http's also drops every idle keep-alive connection at once.
    return new Promise<void>((resolve) =>
      NetServer.prototype.close.call(this.server, () => resolve()),
    );
  }

  /** At the deadline: whatever is still open. */
  closeAll(): void {
    this.server.closeAllConnections();
  }
}
