-- Events keep how many are registered and waiting, so a page never counts thousands of rows. Statement-level
-- triggers with transition tables: a bulk insert of 7,400 registrations updates each event once, and every write
-- path (commands, seeds, tests) is counted alike.
CREATE FUNCTION event_registration_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE events e SET registered_count = e.registered_count - d.r, waitlisted_count = e.waitlisted_count - d.w
    FROM (SELECT event_id, count(*) FILTER (WHERE status = 'registered') AS r, count(*) FILTER (WHERE status = 'waitlisted') AS w FROM old_rows GROUP BY event_id) d
    WHERE e.id = d.event_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE events e SET registered_count = e.registered_count + d.r, waitlisted_count = e.waitlisted_count + d.w
    FROM (SELECT event_id, count(*) FILTER (WHERE status = 'registered') AS r, count(*) FILTER (WHERE status = 'waitlisted') AS w FROM new_rows GROUP BY event_id) d
    WHERE e.id = d.event_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER event_registrations_counted_insert AFTER INSERT ON event_registrations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_registration_counts();
--> statement-breakpoint
CREATE TRIGGER event_registrations_counted_update AFTER UPDATE ON event_registrations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_registration_counts();
--> statement-breakpoint
CREATE TRIGGER event_registrations_counted_delete AFTER DELETE ON event_registrations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_registration_counts();
--> statement-breakpoint
UPDATE events e SET registered_count = (SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered'),
  waitlisted_count = (SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted');
