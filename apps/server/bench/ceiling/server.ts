// The ceiling of `pnpm bench:api`: the work of four API calls with no framework, to price the
// typed stack. node:http and postgres.js, as the same runtime role: verify the access token,
// check membership and a live session, set the tenant, read (or write) the same rows, answer with
// the same data as JSON. Run by Node's own type stripping (no build): DATABASE_URL, JWT_SECRET,
// PORT, DB_POOL_MAX.
import { createHash, createSecretKey } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import jwt from "jsonwebtoken";
import postgres from "postgres";
import { v7 } from "uuid";

const sql = postgres(process.env.DATABASE_URL!, {
  max: Number(process.env.DB_POOL_MAX ?? 10),
  onnotice: () => {},
});
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET!, "utf8"));

type Tx = postgres.TransactionSql;

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const summary = sql`t.id, t.kind, t.status, t.progress, t.output_format as "outputFormat", t.error,
  t.created_at as "createdAt", t.updated_at as "updatedAt", t.finished_at as "finishedAt"`;
const documentColumns = sql`d.workspace_id as "workspaceId", d.id, d.created_by as "createdBy",
  d.title, d.format, d.size, d.content_hash as "contentHash", d.tags, d.version,
  d.created_at as "createdAt", d.updated_at as "updatedAt"`;
const latest = (limit: number) => sql`coalesce((select json_agg(x) from (select ${summary}
  from transformations t where t.workspace_id = d.workspace_id and t.document_id = d.id
  order by t.id desc limit ${limit}) x), '[]') as transformations`;

/** The inputs of the four calls, as the load generator sends them (the app validates them). */
interface Input {
  limit?: number;
  id?: string;
  title?: string;
  format?: string;
  content?: string;
  tags?: string[];
}
type Row = { id: string } & Record<string, unknown>;

const procedures: Record<string, (tx: Tx, workspaceId: string, input: Input) => Promise<unknown>> =
  {
    "document.list": async (tx, workspaceId, input) => {
      const limit = Number(input.limit ?? 20);
      const rows = await tx<Row[]>`select ${documentColumns}, left(d.content, 280) as excerpt,
        ${latest(3)} from documents d where d.workspace_id = ${workspaceId}
        order by d.id desc limit ${limit + 1}`;
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
    "document.get": async (tx, workspaceId, input) => {
      const [row] = await tx<Row[]>`select ${documentColumns}, d.content, ${latest(50)}
        from documents d where d.workspace_id = ${workspaceId} and d.id = ${input.id ?? ""}`;
      if (!row) throw new HttpError(404, "Document not found");
      return row;
    },
    "document.create": async (tx, workspaceId, input) => {
      const content = String(input.content);
      const [row] = await tx<Row[]>`insert into documents
        (id, workspace_id, title, format, content, size, content_hash, tags)
        values (${v7()}, ${workspaceId}, ${input.title ?? ""}, ${input.format ?? ""}, ${content},
          ${Buffer.byteLength(content)}, ${createHash("sha256").update(content).digest("hex")},
          ${input.tags ?? []})
        returning workspace_id as "workspaceId", id, created_by as "createdBy", title, format,
          content, size, content_hash as "contentHash", tags, version,
          created_at as "createdAt", updated_at as "updatedAt"`;
      // As the app does: announce the new document to the workspace's webhooks (none here).
      await tx`select id from webhook_endpoints where workspace_id = ${workspaceId}
        and enabled and events @> ${["document.created"]}`;
      return row;
    },
    "transformation.list": async (tx, workspaceId, input) => {
      const limit = Number(input.limit ?? 20);
      const rows = await tx<Row[]>`select ${summary}, t.workspace_id as "workspaceId",
          t.document_id as "documentId", t.created_by as "createdBy", t.params,
          t.output_meta as "outputMeta", t.attempts, t.job_id as "jobId",
          t.idempotency_key as "idempotencyKey", t.started_at as "startedAt",
          d.title as "documentTitle"
        from transformations t join documents d
          on d.workspace_id = t.workspace_id and d.id = t.document_id
        where t.workspace_id = ${workspaceId} order by t.id desc limit ${limit + 1}`;
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
  };

function claimsOf(req: IncomingMessage) {
  const header = req.headers.authorization;
  if (!header?.startsWith("Bearer ")) throw new HttpError(401, "Sign in first");
  try {
    const claims = jwt.verify(header.slice(7), key, {
      algorithms: ["HS256"],
      issuer: "transmute",
      audience: "transmute-api",
    }) as jwt.JwtPayload;
    if (claims.type !== "access") throw new Error("not an access token");
    return {
      userId: String(claims.sub),
      workspaceId: String(claims.workspace_id),
      sessionId: String(claims.sid),
    };
  } catch {
    throw new HttpError(401, "Invalid access token");
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url!, "http://ceiling");
  const path = url.pathname.replace(/^\/trpc\//, "");
  if (path === "/healthz") return send(res, 200, { status: "ok" });
  const procedure = procedures[path];
  if (!procedure) throw new HttpError(404, "No such procedure");
  const raw = req.method === "POST" ? await readBody(req) : url.searchParams.get("input");
  const input = raw ? ((JSON.parse(raw) as { json?: Input }).json ?? {}) : {};
  const { userId, workspaceId, sessionId } = claimsOf(req);
  const data = await sql.begin(async (tx) => {
    await tx`select set_config('app.workspace_id', ${workspaceId}, true)`;
    const [member] = await tx<
      { role: string; live: boolean }[]
    >`select m.role, exists (select 1 from refresh_sessions s
        where s.family_id = ${sessionId} and s.used_at is null and s.revoked_at is null
          and s.expires_at > now()) as live
      from memberships m join workspaces w on w.id = m.workspace_id
      where m.workspace_id = ${workspaceId} and m.user_id = ${userId}`;
    if (!member) throw new HttpError(403, "You are not a member of this workspace");
    if (!member.live) throw new HttpError(401, "This session has ended; sign in again");
    return procedure(tx, workspaceId, input);
  });
  send(res, 200, { result: { data } });
}

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    const status = error instanceof HttpError ? error.status : 500;
    send(res, status, { error: { message: (error as Error).message } });
  });
}).listen(Number(process.env.PORT), "127.0.0.1");
