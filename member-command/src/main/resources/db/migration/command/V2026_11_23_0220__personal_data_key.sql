-- One key per member that encrypts the member's personal data in events and snapshots,
-- itself encrypted ("wrapped") with the application's master key. Erasing the member
-- destroys the key and leaves a tombstone, so that nothing is ever encrypted for the
-- member again and everything encrypted before stays unreadable.
CREATE TABLE personal_data_key (
    subject      VARCHAR(64)              NOT NULL,
    wrapped_key  BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    forgotten_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT personal_data_key_pk PRIMARY KEY (subject),
    CONSTRAINT personal_data_key_state_ck CHECK ((wrapped_key IS NULL) = (forgotten_at IS NOT NULL))
);
