-- The reporting schema for analysts (SPEC §3 "Analytics"), projected from events by the
-- "reporting" processing group. Days are calendar days in the application's time zone
-- (memberhub.time-zone). No personal data: members appear by id only. The data dictionary is in
-- the README ("Reporting").
CREATE SCHEMA reporting;

-- One row per member ever registered: join instant and day, current level and status.
CREATE TABLE reporting.members (
    member_id UUID                     NOT NULL,
    joined_at TIMESTAMP WITH TIME ZONE NOT NULL,
    joined_on DATE                     NOT NULL,
    member_level SMALLINT                 NOT NULL,
    status    VARCHAR(16)              NOT NULL,
    CONSTRAINT reporting_members_pk PRIMARY KEY (member_id)
);

CREATE INDEX reporting_members_joined_on_idx ON reporting.members (joined_on);

-- Points moved per day, by kind and reason:
--   ISSUED   by PURCHASE, REVIEW, CHECK_IN, BIRTHDAY, ACTIVITY, ADJUSTMENT (new lots)
--   SPENT    by ORDER_DEDUCTION, REDEMPTION, BENEFIT
--   EXPIRED  by EXPIRY
--   REVERSED by REFUND (points of refunded purchases taken back)
--   DEDUCTED by ADJUSTMENT (staff removing points)
CREATE TABLE reporting.points_daily (
    calendar_day DATE        NOT NULL,
    kind    VARCHAR(16) NOT NULL,
    reason  VARCHAR(32) NOT NULL,
    points  BIGINT      NOT NULL,
    entries BIGINT      NOT NULL,
    CONSTRAINT reporting_points_daily_pk PRIMARY KEY (calendar_day, kind, reason)
);

-- Every lot with the points still in it (0 once spent, reversed or expired).
CREATE TABLE reporting.points_lots (
    member_id  UUID                     NOT NULL,
    lot_no     INTEGER                  NOT NULL,
    remaining  BIGINT                   NOT NULL,
    pending    BOOLEAN                  NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT reporting_points_lots_pk PRIMARY KEY (member_id, lot_no)
);

CREATE INDEX reporting_points_lots_expires_at_idx ON reporting.points_lots (expires_at);

-- Points members owe (refunds after the points were spent), per member.
CREATE TABLE reporting.points_debts (
    member_id UUID   NOT NULL,
    debt      BIGINT NOT NULL,
    CONSTRAINT reporting_points_debts_pk PRIMARY KEY (member_id)
);

-- The benefit catalogue, for names and types.
CREATE TABLE reporting.benefits (
    benefit_id   VARCHAR(64)  NOT NULL,
    name_zh      VARCHAR(100) NOT NULL,
    name_en      VARCHAR(100) NOT NULL,
    benefit_type VARCHAR(32)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    CONSTRAINT reporting_benefits_pk PRIMARY KEY (benefit_id)
);

-- Uses of benefits per day, benefit and the member's level at the time; "bought" of them paid
-- with points.
CREATE TABLE reporting.benefit_usage_daily (
    calendar_day DATE        NOT NULL,
    benefit_id  VARCHAR(64) NOT NULL,
    member_level SMALLINT    NOT NULL,
    uses        BIGINT      NOT NULL,
    bought      BIGINT      NOT NULL,
    points_paid BIGINT      NOT NULL,
    CONSTRAINT reporting_benefit_usage_daily_pk PRIMARY KEY (calendar_day, benefit_id, member_level)
);

-- One row per activity: its terms, status and how many members joined and were rewarded.
CREATE TABLE reporting.activity_participation (
    activity_id          UUID                     NOT NULL,
    name                 VARCHAR(100)             NOT NULL,
    starts_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    status               VARCHAR(16)              NOT NULL,
    capacity             INTEGER                  NOT NULL,
    participants         INTEGER                  NOT NULL,
    reward_points_issued BIGINT                   NOT NULL,
    CONSTRAINT reporting_activity_participation_pk PRIMARY KEY (activity_id)
);

-- Changes of level per day: UPGRADED and DOWNGRADED (automatic), ADJUSTED (staff) and
-- ADJUSTMENT_ENDED, from one level to another.
CREATE TABLE reporting.level_movements_daily (
    calendar_day DATE        NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    from_level SMALLINT    NOT NULL,
    to_level   SMALLINT    NOT NULL,
    movements  BIGINT      NOT NULL,
    CONSTRAINT reporting_level_movements_daily_pk PRIMARY KEY (calendar_day, kind, from_level, to_level)
);
