-- Member list and detail read model, projected from the Member aggregate's events.
-- "version" is the sequence number of the last event applied to the row: it guards every
-- update (so replays are harmless) and tells read-your-writes queries when to answer.
CREATE TABLE members (
    id           UUID                     NOT NULL,
    name         VARCHAR(100)             NOT NULL,
    mobile       VARCHAR(24)              NOT NULL,
    email        VARCHAR(254),
    gender       VARCHAR(16)              NOT NULL,
    birthday     DATE,
    locale       VARCHAR(8)               NOT NULL,
    address      VARCHAR(200),
    notes        VARCHAR(1000),
    external_ref VARCHAR(64),
    time_zone    VARCHAR(64),
    status       VARCHAR(16)              NOT NULL,
    member_level SMALLINT                 NOT NULL,
    joined_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT                   NOT NULL,
    CONSTRAINT members_pk PRIMARY KEY (id)
);

CREATE INDEX members_joined_at_idx ON members (joined_at, id);
CREATE INDEX members_updated_at_idx ON members (updated_at, id);
CREATE INDEX members_name_idx ON members (name, id);
CREATE INDEX members_level_idx ON members (member_level, joined_at);
CREATE INDEX members_external_ref_idx ON members (external_ref);

CREATE TABLE member_tags (
    member_id UUID        NOT NULL,
    tag       VARCHAR(32) NOT NULL,
    CONSTRAINT member_tags_pk PRIMARY KEY (member_id, tag)
);

CREATE INDEX member_tags_tag_idx ON member_tags (tag, member_id);
