CREATE SEQUENCE "public"."change_version_activity" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."change_version_drafts" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- hand-written
-- Changes by kind (web/changes.ts): a trigger names the sequence of its kind, content (change_version) by default.
-- What participants do all through a hackathon (register, join teams, vote, book mentors, save drafts) moves a
-- sequence of its own, so that it does not throw away every instance's kept lists of challenges, datasets and solutions.
CREATE OR REPLACE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval(coalesce(TG_ARGV[0], 'change_version')::regclass);
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['event_registrations', 'team_members', 'team_seekers', 'votes', 'mentor_slots'] LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', t || '_note_change', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_change(%L)',
      t || '_note_change', t, 'change_version_activity');
  END LOOP;
END $$;--> statement-breakpoint
-- A proposal is content once it is (or was) submitted; saving a draft is activity of its own kind. Per row, since
-- one statement may save drafts and submit; the rows a statement touches decide, before and after.
CREATE FUNCTION note_submission_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'INSERT' AND OLD.status <> 'draft') OR (TG_OP <> 'DELETE' AND NEW.status <> 'draft') THEN
    PERFORM nextval('change_version');
  ELSE
    PERFORM nextval('change_version_drafts');
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER submissions_note_change ON submissions;--> statement-breakpoint
CREATE TRIGGER submissions_note_change AFTER INSERT OR UPDATE OR DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION note_submission_change();--> statement-breakpoint
CREATE TRIGGER submissions_note_truncate AFTER TRUNCATE ON submissions FOR EACH STATEMENT EXECUTE FUNCTION note_change();
--> statement-breakpoint
-- An event keeps its registration counts (0008), updated by the registrations' trigger: that update is activity
-- (only the event's page shows the counts, and it reads activity), any other change to an event is content.
CREATE FUNCTION note_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval((CASE WHEN pg_trigger_depth() > 1 THEN 'change_version_activity' ELSE 'change_version' END)::regclass);
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER events_note_change ON events;--> statement-breakpoint
CREATE TRIGGER events_note_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION note_event_change();
