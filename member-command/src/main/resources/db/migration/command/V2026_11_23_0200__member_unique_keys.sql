-- Values that no two members may share (mobile, e-mail, external reference), claimed in the
-- same transaction that appends the member's events. Owned by the command side.
CREATE TABLE member_unique_key (
    key_type  VARCHAR(16)  NOT NULL,
    key_value VARCHAR(254) NOT NULL,
    member_id UUID         NOT NULL,
    PRIMARY KEY (key_type, key_value)
);

CREATE INDEX member_unique_key_member_idx ON member_unique_key (member_id);
