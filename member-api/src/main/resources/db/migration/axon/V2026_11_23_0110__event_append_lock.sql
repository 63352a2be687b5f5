-- One row that every event append locks until its transaction commits, so that global
-- indexes become visible in the order they were handed out: a tracking processor then never
-- sees a later event before an earlier one commits, and no slow transaction can have its
-- event skipped as a "gap" (Axon issue #4829).
CREATE TABLE event_append_lock (
    id INTEGER NOT NULL,
    CONSTRAINT event_append_lock_pk PRIMARY KEY (id)
);

INSERT INTO event_append_lock (id) VALUES (1);
