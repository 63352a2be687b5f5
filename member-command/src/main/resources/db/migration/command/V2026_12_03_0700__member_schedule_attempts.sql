-- Failed wake-ups no longer pin the head of the schedule. The sweep reads members by wake_at:
-- due_at while nothing failed; after a failure the next attempt's instant (exponential
-- back-off); NULL once the member is poisoned (failed memberhub.command.sweep-attempts times),
-- so that it is skipped until an operator retries it or a command of the member succeeds.
ALTER TABLE member_schedule ADD COLUMN wake_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE member_schedule ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE member_schedule ADD COLUMN poisoned_at TIMESTAMP WITH TIME ZONE;
-- what failed, without the failure's message (it may quote personal data): exception class or error code
ALTER TABLE member_schedule ADD COLUMN last_failure VARCHAR(200);

UPDATE member_schedule SET wake_at = due_at;

DROP INDEX member_schedule_due_idx;
CREATE INDEX member_schedule_wake_idx ON member_schedule (wake_at);
CREATE INDEX member_schedule_poisoned_idx ON member_schedule (poisoned_at);
