CREATE TABLE "awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"name" text NOT NULL,
	"amount_sek" integer,
	"sponsor" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "juries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"challenge_id" uuid,
	"track_id" uuid,
	"name" text NOT NULL,
	"scale_min" integer DEFAULT 1 NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"jurors_per_submission" integer DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "juror_conflicts" (
	"juror_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "juror_conflicts_juror_id_team_id_pk" PRIMARY KEY("juror_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "jurors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jury_id" uuid NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"invite_token" text NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "jurors_invite_token_unique" UNIQUE("invite_token")
);
--> statement-breakpoint
CREATE TABLE "jury_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"juror_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jury_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jury_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"guidance_sv" text DEFAULT '' NOT NULL,
	"guidance_en" text DEFAULT '' NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_round_entries" (
	"round_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	CONSTRAINT "jury_round_entries_round_id_submission_id_pk" PRIMARY KEY("round_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "jury_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jury_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jury_scores" (
	"assignment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "jury_scores_assignment_id_criterion_id_pk" PRIMARY KEY("assignment_id","criterion_id")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "results_published" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juries" ADD CONSTRAINT "juries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juries" ADD CONSTRAINT "juries_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juries" ADD CONSTRAINT "juries_track_id_event_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."event_tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_conflicts" ADD CONSTRAINT "juror_conflicts_juror_id_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."jurors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_conflicts" ADD CONSTRAINT "juror_conflicts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jurors" ADD CONSTRAINT "jurors_jury_id_juries_id_fk" FOREIGN KEY ("jury_id") REFERENCES "public"."juries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jurors" ADD CONSTRAINT "jurors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_assignments" ADD CONSTRAINT "jury_assignments_round_id_jury_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."jury_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_assignments" ADD CONSTRAINT "jury_assignments_juror_id_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."jurors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_assignments" ADD CONSTRAINT "jury_assignments_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_criteria" ADD CONSTRAINT "jury_criteria_jury_id_juries_id_fk" FOREIGN KEY ("jury_id") REFERENCES "public"."juries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_round_entries" ADD CONSTRAINT "jury_round_entries_round_id_jury_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."jury_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_round_entries" ADD CONSTRAINT "jury_round_entries_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_rounds" ADD CONSTRAINT "jury_rounds_jury_id_juries_id_fk" FOREIGN KEY ("jury_id") REFERENCES "public"."juries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scores" ADD CONSTRAINT "jury_scores_assignment_id_jury_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."jury_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scores" ADD CONSTRAINT "jury_scores_criterion_id_jury_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."jury_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jurors_jury_email_idx" ON "jurors" USING btree ("jury_id","email");--> statement-breakpoint
CREATE INDEX "jurors_user_idx" ON "jurors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_assignments_idx" ON "jury_assignments" USING btree ("round_id","juror_id","submission_id");--> statement-breakpoint
CREATE INDEX "jury_assignments_submission_idx" ON "jury_assignments" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "jury_assignments_juror_idx" ON "jury_assignments" USING btree ("juror_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_criteria_position_idx" ON "jury_criteria" USING btree ("jury_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_rounds_kind_idx" ON "jury_rounds" USING btree ("jury_id","kind");