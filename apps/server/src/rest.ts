import { dirname } from "node:path";
import { createRequire } from "node:module";
import { openApiDocument, restRouter, type createContextFactory } from "@transmute/api";
import express, { type Router } from "express";
import { createOpenApiExpressMiddleware } from "trpc-to-openapi";

const REST_BASE = "/v1";

// The page is ours and loads only files from this server: helmet's CSP (script-src 'self')
// forbids inline scripts and CDNs, so the renderer comes from the swagger-ui-dist package.
const docsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Transmute API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="docs"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;
const docsInit = `SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });\n`;

/**
 * Plain JSON over HTTP under /v1 (the procedures an API key may call, see packages/api/src/rest),
 * its OpenAPI 3.1 document at /openapi.json, and that document rendered at /docs.
 */
export function restRoutes(
  createContext: ReturnType<typeof createContextFactory>,
  bodyLimitBytes: number,
): Router {
  const routes = express.Router();
  const document = openApiDocument(REST_BASE);
  routes.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  routes.get("/docs", (_req, res) => {
    res.type("html").send(docsPage);
  });
  routes.get("/docs/init.js", (_req, res) => {
    res.type("js").send(docsInit);
  });
  const swaggerUi = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  routes.use("/docs", express.static(swaggerUi, { index: false, maxAge: "1h" }));
  routes.use(
    REST_BASE,
    (_req, res, next) => {
      res.setHeader("Cache-Control", "private, no-store");
      next();
    },
    createOpenApiExpressMiddleware({
      router: restRouter,
      createContext: ({ req }) => createContext({ req }),
      maxBodySize: bodyLimitBytes,
    }),
  );
  return routes;
}
