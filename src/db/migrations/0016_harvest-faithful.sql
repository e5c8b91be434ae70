ALTER TABLE "datasets" ADD COLUMN "texts" jsonb;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "distributions" ADD COLUMN "formats" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "distributions" ADD COLUMN "texts" jsonb;--> statement-breakpoint
ALTER TABLE "distributions" ADD COLUMN "access_service" text DEFAULT '' NOT NULL;