ALTER TABLE "events" ADD COLUMN "registered_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "waitlisted_count" integer DEFAULT 0 NOT NULL;