CREATE TABLE "solution_images" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"alt_sv" text DEFAULT '' NOT NULL,
	"alt_en" text DEFAULT '' NOT NULL,
	"hash" text NOT NULL,
	"data" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"card_data" "bytea" NOT NULL,
	"card_width" integer NOT NULL,
	"card_height" integer NOT NULL,
	"uploaded_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "solution_images" ADD CONSTRAINT "solution_images_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_images" ADD CONSTRAINT "solution_images_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- hand-written
-- An image is never shown without words for those who cannot see it: at least one language's alt text.
ALTER TABLE "solution_images" ADD CONSTRAINT "solution_images_alt_text" CHECK ("alt_sv" <> '' OR "alt_en" <> '');--> statement-breakpoint
-- Pages show the image (galleries, solution pages): a change to it moves the change version (see 0018).
CREATE TRIGGER solution_images_note_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON solution_images FOR EACH STATEMENT EXECUTE FUNCTION note_change();
