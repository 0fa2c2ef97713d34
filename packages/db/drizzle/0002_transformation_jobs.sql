CREATE TABLE "transformation_events" (
	"workspace_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"transformation_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"status" "transformation_status" NOT NULL,
	"progress" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transformation_events_workspace_id_seq_pk" PRIMARY KEY("workspace_id","seq")
);
--> statement-breakpoint
ALTER TABLE "transformations" ADD COLUMN "output_meta" jsonb;--> statement-breakpoint
ALTER TABLE "transformations" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "transformation_events" ADD CONSTRAINT "transformation_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transformation_events_created_idx" ON "transformation_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "transformations_status_idx" ON "transformations" USING btree ("workspace_id","status");