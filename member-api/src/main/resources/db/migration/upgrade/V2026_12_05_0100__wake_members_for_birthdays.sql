-- Reads the event store (db/migration/axon) and writes the command side's schedule, so it belongs to neither module.
-- Birthday points are granted by the sweep since this version, from each member's schedule row, which the member's
-- commands write. Members registered before it may have no row: wake every member once, so that each writes its next
-- due instant (its birthday among them). A member with nothing due deletes its row again; one without a birthday
-- simply has nothing due.
INSERT INTO member_schedule (member_id, due_at, wake_at)
SELECT DISTINCT CAST(e.aggregate_identifier AS UUID), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM domain_event_entry e
WHERE e.type = 'Member'
  AND NOT EXISTS (SELECT 1 FROM member_schedule s WHERE s.member_id = CAST(e.aggregate_identifier AS UUID));
