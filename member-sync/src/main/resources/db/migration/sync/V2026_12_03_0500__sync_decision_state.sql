-- What latest-wins decides on, per member: the external update time the sync last applied to
-- it (or found already in effect), and its last profile edit here by anyone but the sync
-- (registration, profile change, deletion or erasure by staff or the member), read from the
-- member's own events up to events_read_to. No personal data: the member id and times only.
CREATE TABLE sync_member_state (
    member_id                UUID                     NOT NULL,
    last_applied_external_at TIMESTAMP WITH TIME ZONE,
    last_local_edit_at       TIMESTAMP WITH TIME ZONE,
    events_read_to           BIGINT                   NOT NULL,
    CONSTRAINT sync_member_state_pk PRIMARY KEY (member_id)
);

-- External records that failed, by external id and version (update time): attempts so far and
-- the last error code. After memberhub.sync.quarantine-after attempts the version is quarantined:
-- skipped by incremental runs (a full run tries it again), and no longer holding the watermark.
-- A later version of the record that applies, or the same one applying, removes the row.
CREATE TABLE sync_record_failure (
    external_id         VARCHAR(64)              NOT NULL,
    external_updated_at TIMESTAMP WITH TIME ZONE,
    attempts            INTEGER                  NOT NULL,
    code                VARCHAR(64)              NOT NULL,
    first_failed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_id         BIGINT                   NOT NULL,
    quarantined_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT sync_record_failure_pk PRIMARY KEY (external_id)
);

CREATE INDEX sync_record_failure_quarantined_idx ON sync_record_failure (quarantined_at);

ALTER TABLE sync_run ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0;
