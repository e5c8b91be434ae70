CREATE INDEX "event_challenges_challenge_idx" ON "event_challenges" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_organisation_idx" ON "events" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "team_join_requests_user_idx" ON "team_join_requests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_seekers_user_idx" ON "team_seekers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "teams_challenge_idx" ON "teams" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "mentors_user_idx" ON "mentors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "awards_event_idx" ON "awards" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "awards_submission_idx" ON "awards" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "votes_user_idx" ON "votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "check_in_links_user_idx" ON "check_in_links" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "solution_interests_user_idx" ON "solution_interests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "data_requests_dataset_idx" ON "data_requests" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "data_requests_asker_idx" ON "data_requests" USING btree ("asker_id");--> statement-breakpoint
-- hand-written
-- Every change to what pages show bumps the change version (web/changes.ts), whoever makes it: a request, a job, the
-- command line or someone at psql. Once per statement, not per row, so a harvest's bulk writes cost one bump each.
CREATE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('change_version');
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'annual_reports', 'awards', 'challenge_adoptions', 'challenge_datasets', 'challenges', 'data_requests', 'dataset_reports',
    'datasets', 'distributions', 'event_announcements', 'event_challenges', 'event_phases', 'event_registrations', 'event_tracks',
    'events', 'harvest_sources', 'juries', 'jury_criteria', 'jury_round_entries', 'jury_rounds', 'memberships', 'mentor_slots',
    'mentors', 'organisations', 'realisation_updates', 'realisations', 'solution_interests', 'statistics_snapshots',
    'submission_datasets', 'submissions', 'team_members', 'team_seekers', 'teams', 'users', 'votes'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_change()', t || '_note_change', t);
  END LOOP;
END $$;
