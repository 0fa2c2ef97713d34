ALTER TABLE "documents" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_idempotency_key" ON "documents" USING btree ("workspace_id","idempotency_key");