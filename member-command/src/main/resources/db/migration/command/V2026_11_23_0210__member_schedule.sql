-- When each member next has a pending lot to release, a lot to expire or a manual level to
-- end; written with the member's events, swept to wake members whose time has come.
CREATE TABLE member_schedule (
    member_id UUID                     NOT NULL,
    due_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT member_schedule_pk PRIMARY KEY (member_id)
);

CREATE INDEX member_schedule_due_idx ON member_schedule (due_at);
