-- Points and level read models, projected from the Member aggregate's events. As in members,
-- "version" is the sequence number of the member's last event applied to the row.

-- One row per member: balances and lifetime totals.
CREATE TABLE points_balances (
    member_id         UUID   NOT NULL,
    available         BIGINT NOT NULL,
    pending           BIGINT NOT NULL,
    debt              BIGINT NOT NULL,
    lifetime_earned   BIGINT NOT NULL,
    lifetime_spent    BIGINT NOT NULL,
    lifetime_expired  BIGINT NOT NULL,
    lifetime_reversed BIGINT NOT NULL,
    lifetime_adjusted BIGINT NOT NULL,
    version           BIGINT NOT NULL,
    CONSTRAINT points_balances_pk PRIMARY KEY (member_id)
);

-- Every change of a member's points, one row per event; the sums of available_change and
-- pending_change over a member's rows are its balances.
CREATE TABLE points_ledger (
    member_id        UUID                     NOT NULL,
    sequence_number  BIGINT                   NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    entry_type       VARCHAR(16)              NOT NULL,
    source           VARCHAR(16),
    reference        VARCHAR(64),
    available_change BIGINT                   NOT NULL,
    pending_change   BIGINT                   NOT NULL,
    lot_no           INTEGER,
    reason           VARCHAR(500),
    actor            VARCHAR(200),
    channel          VARCHAR(16),
    correlation_id   VARCHAR(64),
    CONSTRAINT points_ledger_pk PRIMARY KEY (member_id, sequence_number)
);

CREATE INDEX points_ledger_occurred_at_idx ON points_ledger (occurred_at);

-- Every lot a member ever had; remaining = 0 once it is spent, expired or reversed.
CREATE TABLE points_lots (
    member_id  UUID                     NOT NULL,
    lot_no     INTEGER                  NOT NULL,
    source     VARCHAR(16)              NOT NULL,
    reference  VARCHAR(64),
    points     BIGINT                   NOT NULL,
    remaining  BIGINT                   NOT NULL,
    pending    BOOLEAN                  NOT NULL,
    earned_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    release_at TIMESTAMP WITH TIME ZONE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT points_lots_pk PRIMARY KEY (member_id, lot_no)
);

CREATE INDEX points_lots_expires_at_idx ON points_lots (expires_at);

-- One row per member: level, net qualifying spend (in fen) and the manual level in force.
CREATE TABLE member_levels (
    member_id     UUID                     NOT NULL,
    current_level SMALLINT                 NOT NULL,
    net_spend_fen BIGINT                   NOT NULL,
    manual_level  SMALLINT,
    manual_mode   VARCHAR(8),
    manual_until  TIMESTAMP WITH TIME ZONE,
    manual_reason VARCHAR(500),
    version       BIGINT                   NOT NULL,
    CONSTRAINT member_levels_pk PRIMARY KEY (member_id)
);

-- Every change of a member's level.
CREATE TABLE level_history (
    member_id       UUID                     NOT NULL,
    sequence_number BIGINT                   NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    kind            VARCHAR(24)              NOT NULL,
    from_level      SMALLINT                 NOT NULL,
    to_level        SMALLINT                 NOT NULL,
    net_spend_fen   BIGINT                   NOT NULL,
    reason          VARCHAR(500),
    actor           VARCHAR(200),
    CONSTRAINT level_history_pk PRIMARY KEY (member_id, sequence_number)
);
