import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isTRPCClientError, type TransmuteClient } from "@transmute/client";
import { formatOfMediaType, mediaTypeOf } from "./formats";
import { transformDocument, TransformationFailed } from "./transform";

/** Documents are at most 1 MiB on the server; refuse larger ones before sending them. */
const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `POST /ingest` with a document as the body (Content-Type text/markdown, text/html or
 * text/plain; the title in `?title=`) answers with the transformation's output, in the output's
 * media type. `GET /healthz` answers `ok`.
 */
export function createIngestServer(client: TransmuteClient, kind: string): Server {
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const { status, message } = describe(error);
      if (!res.headersSent) {
        res.writeHead(status, { "content-type": "application/json" });
      }
      res.end(JSON.stringify({ error: message }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://ingest");
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (url.pathname !== "/ingest") throw new HttpError(404, "Not found: POST /ingest");
    if (req.method !== "POST") throw new HttpError(405, "Use POST");
    const format = formatOfMediaType(req.headers["content-type"]);
    if (!format) {
      throw new HttpError(415, "Send text/markdown, text/html or text/plain");
    }
    const content = await readBody(req);
    if (!content.trim()) throw new HttpError(400, "The body is empty");

    // The caller hanging up stops the wait (the transformation itself runs on in Transmute).
    const hangUp = new AbortController();
    res.on("close", () => hangUp.abort());
    const title = url.searchParams.get("title")?.trim() || "Ingested document";
    const done = await transformDocument(client, kind, { title, format, content }, hangUp.signal);
    res
      .writeHead(200, {
        "content-type": mediaTypeOf(done.outputFormat),
        "x-transformation-id": done.id,
      })
      .end(done.output);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "The document is larger than 1 MiB");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** What the caller is told: our own refusals, Transmute's answer, or that Transmute failed us. */
function describe(error: unknown): { status: number; message: string } {
  if (error instanceof HttpError) return { status: error.status, message: error.message };
  if (error instanceof TransformationFailed) return { status: 422, message: error.message };
  // Transmute refused the document or the kind (bad input, unknown kind): the caller's problem.
  if (
    isTRPCClientError(error) &&
    (error.data as { code?: string } | undefined)?.code === "BAD_REQUEST"
  ) {
    return { status: 422, message: error.message };
  }
  return {
    status: 502,
    message: `Transmute failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}
