-- What each run decided for each external record it read, in the order it read them: the outcome, a short reason
-- code (the latest-wins decision or the error code) and when. No personal data: the external id, the member id, codes
-- and times only. Written a page at a time; decisions of runs started more than memberhub.sync.decision-retention ago
-- are deleted at the end of every run (the run's counts and errors in sync_run / sync_run_error stay).
CREATE TABLE sync_run_decision (
    run_id      BIGINT                   NOT NULL,
    seq         INTEGER                  NOT NULL,
    external_id VARCHAR(64)              NOT NULL,
    member_id   UUID,
    outcome     VARCHAR(32)              NOT NULL,
    reason      VARCHAR(64)              NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sync_run_decision_pk PRIMARY KEY (run_id, seq),
    CONSTRAINT sync_run_decision_run_fk FOREIGN KEY (run_id) REFERENCES sync_run (id) ON DELETE CASCADE
);

CREATE INDEX sync_run_decision_outcome_idx ON sync_run_decision (run_id, outcome, seq);
