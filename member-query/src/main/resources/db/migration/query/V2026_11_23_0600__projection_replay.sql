-- The last replay asked for per processing group. A row whose started_at is empty is a
-- replay waiting for every instance to stop that group's processor; the instance that then
-- resets the group's tokens records when and where it did so.
CREATE TABLE projection_replay (
    processing_group VARCHAR(255)             NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by     VARCHAR(200),
    started_at       TIMESTAMP WITH TIME ZONE,
    started_by       VARCHAR(255),
    reset_position   BIGINT,
    CONSTRAINT projection_replay_pk PRIMARY KEY (processing_group)
);
