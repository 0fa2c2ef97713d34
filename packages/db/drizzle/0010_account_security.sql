CREATE TABLE "account_security_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"action" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "known_sign_in_addresses" (
	"user_id" uuid NOT NULL,
	"ip" text NOT NULL,
	"last_sign_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_sign_in_addresses_user_id_ip_pk" PRIMARY KEY("user_id","ip")
);
--> statement-breakpoint
ALTER TABLE "account_security_events" ADD CONSTRAINT "account_security_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_sign_in_addresses" ADD CONSTRAINT "known_sign_in_addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_security_events_user_idx" ON "account_security_events" USING btree ("user_id","id");--> statement-breakpoint
-- A person's own security log and known addresses: the application role sees and writes them
-- only in that person's context (app.user_id), as with their sessions (see 0009).
GRANT SELECT, INSERT, UPDATE ON account_security_events TO transmute_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON known_sign_in_addresses TO transmute_app;--> statement-breakpoint
ALTER TABLE account_security_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE account_security_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE known_sign_in_addresses ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE known_sign_in_addresses FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY own_events ON account_security_events TO transmute_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY own_addresses ON known_sign_in_addresses TO transmute_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
