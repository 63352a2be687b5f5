-- The global audit log: one row per event of any member, with who caused it and why,
-- projected from the event store for filtering by time, type, actor and member.
CREATE TABLE audit_log (
    event_id        VARCHAR(64)              NOT NULL,
    global_index    BIGINT                   NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    member_id       UUID                     NOT NULL,
    sequence_number BIGINT                   NOT NULL,
    event_type      VARCHAR(64)              NOT NULL,
    actor_id        VARCHAR(64),
    actor_name      VARCHAR(200),
    actor_roles     VARCHAR(200),
    source          VARCHAR(16),
    reason          VARCHAR(500),
    correlation_id  VARCHAR(64),
    CONSTRAINT audit_log_pk PRIMARY KEY (event_id)
);

CREATE UNIQUE INDEX audit_log_global_index_idx ON audit_log (global_index);
CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at);
CREATE INDEX audit_log_member_idx ON audit_log (member_id, sequence_number);
CREATE INDEX audit_log_type_idx ON audit_log (event_type, global_index);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_name, global_index);
