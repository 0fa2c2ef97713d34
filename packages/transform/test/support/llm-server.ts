import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake server does with the next request. */
export type Behaviour =
  | { type: "json"; content: string }
  /** Answers with the user's message, as a model that copies hostile input would. */
  | { type: "echo" }
  | { type: "sse"; chunks: string[] }
  | { type: "status"; status: number; message: string }
  | { type: "hang" };

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
}

export interface FakeLlm {
  baseUrl: string;
  /** Behaviours for the coming requests, in order. */
  next: Behaviour[];
  requests: ChatRequest[];
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<ChatRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
}

function completion(model: string, content: string) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  };
}

function chunk(model: string, content: string) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
}

/** An HTTP server on loopback that speaks OpenAI's chat-completions protocol. */
export async function startFakeLlm(): Promise<FakeLlm> {
  const next: Behaviour[] = [];
  const requests: ChatRequest[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
      response.writeHead(404).end();
      return;
    }
    const body = await readJson(request);
    requests.push(body);
    const behaviour = next.shift() ?? { type: "status", status: 500, message: "no behaviour" };
    switch (behaviour.type) {
      case "json":
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(completion(body.model, behaviour.content)));
        return;
      case "echo":
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(completion(body.model, body.messages.at(-1)?.content ?? "")));
        return;
      case "sse":
        response.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-cache",
        });
        for (const piece of behaviour.chunks) {
          response.write(`data: ${JSON.stringify(chunk(body.model, piece))}\n\n`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        response.end("data: [DONE]\n\n");
        return;
      case "status":
        response.writeHead(behaviour.status, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: behaviour.message, type: "test_error" } }));
        return;
      case "hang":
        return;
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    next,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
