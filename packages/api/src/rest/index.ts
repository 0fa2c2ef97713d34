import { generateOpenApiDocument } from "trpc-to-openapi";
import { restRouter } from "./router";

export { restRouter, type RestRouter } from "./router";

/** The OpenAPI 3.1 document of the REST surface, served at `baseUrl` (e.g. `/v1`). */
export function openApiDocument(baseUrl: string) {
  return generateOpenApiDocument(restRouter, {
    title: "Transmute API",
    version: "1",
    openApiVersion: "3.1.0",
    description:
      "Plain JSON over HTTP. Authenticate with `Authorization: Bearer <API key or access " +
      "token>`. Errors answer `{ code, message, issues? }` with the tRPC code (NOT_FOUND, " +
      "FORBIDDEN, BAD_REQUEST, TOO_MANY_REQUESTS, …) and its HTTP status.",
    baseUrl,
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "A workspace API key (tm_live_…)" },
    },
  });
}
