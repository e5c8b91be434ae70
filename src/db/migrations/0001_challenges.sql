-- Trigram matching for search (pg_trgm ships with PostgreSQL's contrib and with PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- array_to_string is only STABLE (it goes through element output functions), so a generated column cannot call it.
-- For text[] the result cannot change, so this wrapper may honestly be IMMUTABLE.
CREATE OR REPLACE FUNCTION hack365_join_words(words text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string(words, ' ') $$;
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "need_owner_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"applicant_id" uuid,
	"motivation" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title_sv" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"summary_sv" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"problem_sv" text DEFAULT '' NOT NULL,
	"problem_en" text DEFAULT '' NOT NULL,
	"outcome_sv" text DEFAULT '' NOT NULL,
	"outcome_en" text DEFAULT '' NOT NULL,
	"target_group_sv" text DEFAULT '' NOT NULL,
	"target_group_en" text DEFAULT '' NOT NULL,
	"prize_sv" text DEFAULT '' NOT NULL,
	"prize_en" text DEFAULT '' NOT NULL,
	"eligibility_sv" text DEFAULT '' NOT NULL,
	"eligibility_en" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"requirements" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"year_round" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', title_sv || ' ' || title_en), 'A')
        || setweight(to_tsvector('swedish', summary_sv || ' ' || summary_en || ' ' || hack365_join_words(keywords)), 'B')
        || setweight(to_tsvector('swedish', problem_sv || ' ' || outcome_sv || ' ' || target_group_sv || ' ' || problem_en || ' ' || outcome_en), 'C')) STORED,
	"search_text" text GENERATED ALWAYS AS (lower(title_sv || ' ' || title_en || ' ' || hack365_join_words(keywords))) STORED,
	CONSTRAINT "challenges_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "is_need_owner" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_owner_applications" ADD CONSTRAINT "need_owner_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_owner_applications" ADD CONSTRAINT "need_owner_applications_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_owner_applications" ADD CONSTRAINT "need_owner_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_org_idx" ON "invitations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "need_owner_applications_status_idx" ON "need_owner_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "need_owner_applications_org_idx" ON "need_owner_applications" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "challenges_search_vector_idx" ON "challenges" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "challenges_themes_idx" ON "challenges" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "challenges_status_published_idx" ON "challenges" USING btree ("status","published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "challenges_published_status_idx" ON "challenges" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status");--> statement-breakpoint
CREATE INDEX "challenges_status_ends_idx" ON "challenges" USING btree ("status","ends_on","id");--> statement-breakpoint
CREATE INDEX "challenges_org_idx" ON "challenges" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);
--> statement-breakpoint
-- The search vocabulary: each distinct word (3+ letters) of a challenge's titles and keywords, collected when the
-- challenge is written. Letters are listed rather than [[:alpha:]] so that å, ä and ö count as letters whatever
-- the database's locale (PGlite runs in C).
CREATE OR REPLACE FUNCTION hack365_collect_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_text, '[^a-z0-9åäöéèüæøà]+') AS w WHERE length(w) >= 3
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER challenges_collect_search_words AFTER INSERT OR UPDATE OF title_sv, title_en, keywords ON challenges
  FOR EACH ROW EXECUTE FUNCTION hack365_collect_search_words();
