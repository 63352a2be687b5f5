-- The scheduled consistency check, shared by all instances: an instance runs a round only after
-- claiming this row (next_run_at passed, no lease held), so one instance at a time scans the
-- store, once per memberhub.query.consistency-check-interval. The figures of the last check,
-- scheduled or requested, are kept here too, so that every instance reports the same drift.
CREATE TABLE consistency_check_round (
    id             INTEGER                  NOT NULL,
    next_run_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until    TIMESTAMP WITH TIME ZONE,
    owner          VARCHAR(255),
    started_at     TIMESTAMP WITH TIME ZONE,
    checked_at     TIMESTAMP WITH TIME ZONE,
    drift_count    INTEGER,
    members_behind INTEGER,
    CONSTRAINT consistency_check_round_pk PRIMARY KEY (id)
);

INSERT INTO consistency_check_round (id, next_run_at) VALUES (1, CURRENT_TIMESTAMP);
