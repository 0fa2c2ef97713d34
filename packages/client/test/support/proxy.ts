import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the proxy does with the n-th request (from 1). */
export type Behaviour = (n: number) => "forward" | "unavailable" | "reset" | "hang" | "lose-answer";

export interface Proxy {
  url: string;
  /** Requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * A gateway in front of the real server that misbehaves on cue, the way a load balancer does
 * while a backend restarts: a 503 page, a dropped connection, no answer at all, or the server's
 * answer lost on the way back.
 */
export async function startProxy(target: string, behaviour: Behaviour): Promise<Proxy> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    switch (behaviour(requests)) {
      case "unavailable":
        res.writeHead(503, { "content-type": "text/html" }).end("<h1>503 Service Unavailable</h1>");
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "hang":
        return;
      case "lose-answer":
      case "forward": {
        const lose = behaviour(requests) === "lose-answer";
        const upstream = request(new URL(req.url!, target), {
          method: req.method,
          headers: req.headers,
        });
        upstream.on("response", (answer) => {
          if (lose) {
            answer.resume();
            answer.on("end", () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        upstream.on("error", () => res.destroy());
        req.pipe(upstream);
      }
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
