CREATE TABLE "rate_limits" (
	"bucket" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_idempotency_key" ON "documents" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
-- Request counters per API key and per workspace: counted before the tenant transaction opens,
-- like login_throttle, so the application role keeps them without row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO transmute_app;
