CREATE TABLE "challenge_datasets" (
	"challenge_id" uuid NOT NULL,
	"dataset_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_datasets_challenge_id_dataset_id_pk" PRIMARY KEY("challenge_id","dataset_id")
);
--> statement-breakpoint
CREATE TABLE "dataset_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"reporter_id" uuid,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid,
	"organisation_id" uuid,
	"key" text NOT NULL,
	"iri" text NOT NULL,
	"identifier" text DEFAULT '' NOT NULL,
	"title_sv" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"publisher_iri" text DEFAULT '' NOT NULL,
	"publisher_name" text DEFAULT '' NOT NULL,
	"publisher_type" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"licences" text[] DEFAULT '{}'::text[] NOT NULL,
	"formats" text[] DEFAULT '{}'::text[] NOT NULL,
	"landing_page" text DEFAULT '' NOT NULL,
	"access_rights" text DEFAULT '' NOT NULL,
	"issued" text DEFAULT '' NOT NULL,
	"modified" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"content_hash" text DEFAULT '' NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', title_sv || ' ' || title_en), 'A')
        || setweight(to_tsvector('swedish', hack365_join_words(keywords) || ' ' || publisher_name), 'B')
        || setweight(to_tsvector('swedish', description_sv || ' ' || description_en), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text DEFAULT 'distribution' NOT NULL,
	"iri" text DEFAULT '' NOT NULL,
	"title_sv" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"access_url" text DEFAULT '' NOT NULL,
	"download_url" text DEFAULT '' NOT NULL,
	"format" text DEFAULT '' NOT NULL,
	"media_type" text DEFAULT '' NOT NULL,
	"licence" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "harvest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" uuid,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"counts" jsonb,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"validation" jsonb,
	"bytes" integer
);
--> statement-breakpoint
CREATE TABLE "harvest_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"kind" text DEFAULT 'dcat' NOT NULL,
	"schedule" text DEFAULT 'nightly' NOT NULL,
	"next_harvest_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "challenge_datasets" ADD CONSTRAINT "challenge_datasets_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_datasets" ADD CONSTRAINT "challenge_datasets_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_datasets" ADD CONSTRAINT "challenge_datasets_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_reports" ADD CONSTRAINT "dataset_reports_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_reports" ADD CONSTRAINT "dataset_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_reports" ADD CONSTRAINT "dataset_reports_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_source_id_harvest_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."harvest_sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_runs" ADD CONSTRAINT "harvest_runs_source_id_harvest_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."harvest_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_runs" ADD CONSTRAINT "harvest_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_sources" ADD CONSTRAINT "harvest_sources_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_sources" ADD CONSTRAINT "harvest_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_datasets_dataset_idx" ON "challenge_datasets" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "dataset_reports_dataset_idx" ON "dataset_reports" USING btree ("dataset_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_source_key_idx" ON "datasets" USING btree ("source_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_local_key_idx" ON "datasets" USING btree ("organisation_id","key") WHERE source_id is null;--> statement-breakpoint
CREATE INDEX "datasets_search_idx" ON "datasets" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "datasets_themes_idx" ON "datasets" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "datasets_formats_idx" ON "datasets" USING gin ("formats");--> statement-breakpoint
CREATE INDEX "datasets_licences_idx" ON "datasets" USING gin ("licences");--> statement-breakpoint
CREATE INDEX "datasets_list_idx" ON "datasets" USING btree ("status","title_sv","id");--> statement-breakpoint
CREATE INDEX "datasets_publisher_idx" ON "datasets" USING btree ("publisher_name");--> statement-breakpoint
CREATE INDEX "datasets_org_idx" ON "datasets" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "distributions_dataset_idx" ON "distributions" USING btree ("dataset_id","position");--> statement-breakpoint
CREATE INDEX "harvest_runs_source_idx" ON "harvest_runs" USING btree ("source_id","queued_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "harvest_runs_queue_idx" ON "harvest_runs" USING btree ("status","queued_at");--> statement-breakpoint
CREATE INDEX "harvest_sources_due_idx" ON "harvest_sources" USING btree ("next_harvest_at");--> statement-breakpoint
CREATE INDEX "harvest_sources_org_idx" ON "harvest_sources" USING btree ("organisation_id");