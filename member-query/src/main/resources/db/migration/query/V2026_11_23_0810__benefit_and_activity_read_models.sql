-- Benefit catalogue, members' uses of benefits, activities and their participants, projected
-- from the Benefit, Activity and Member aggregates' events. "version" is the sequence number of
-- the aggregate's last event applied to the row.

CREATE TABLE benefits (
    benefit_id   VARCHAR(64)              NOT NULL,
    name_zh      VARCHAR(100)             NOT NULL,
    name_en      VARCHAR(100)             NOT NULL,
    description  VARCHAR(1000),
    benefit_type VARCHAR(32)              NOT NULL,
    benefit_value NUMERIC(12, 4),
    levels       VARCHAR(64)              NOT NULL,
    quota_uses   INTEGER,
    quota_period VARCHAR(8),
    points_price BIGINT,
    status       VARCHAR(16)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT                   NOT NULL,
    CONSTRAINT benefits_pk PRIMARY KEY (benefit_id)
);

-- Every use of a benefit by a member; period is the quota period it counted in (null when the
-- benefit had no quota or was bought).
CREATE TABLE member_benefit_uses (
    member_id   UUID                     NOT NULL,
    use_id      VARCHAR(64)              NOT NULL,
    benefit_id  VARCHAR(64)              NOT NULL,
    period      VARCHAR(16),
    member_level SMALLINT                 NOT NULL,
    points_paid BIGINT                   NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT member_benefit_uses_pk PRIMARY KEY (member_id, use_id)
);

CREATE INDEX member_benefit_uses_period_idx ON member_benefit_uses (member_id, benefit_id, period);

CREATE TABLE activities (
    activity_id   UUID                     NOT NULL,
    name          VARCHAR(100)             NOT NULL,
    description   VARCHAR(2000),
    starts_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    levels        VARCHAR(64)              NOT NULL,
    capacity      INTEGER                  NOT NULL,
    reward_points BIGINT                   NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    participants  INTEGER                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT                   NOT NULL,
    CONSTRAINT activities_pk PRIMARY KEY (activity_id)
);

CREATE INDEX activities_created_at_idx ON activities (created_at);

CREATE TABLE activity_participants (
    activity_id    UUID                     NOT NULL,
    member_id      UUID                     NOT NULL,
    participant_no INTEGER                  NOT NULL,
    member_level   SMALLINT                 NOT NULL,
    reward_points  BIGINT                   NOT NULL,
    joined_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT activity_participants_pk PRIMARY KEY (activity_id, member_id)
);

CREATE UNIQUE INDEX activity_participants_no_idx ON activity_participants (activity_id, participant_no);
CREATE INDEX activity_participants_member_idx ON activity_participants (member_id);
