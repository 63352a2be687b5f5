-- Readers take events in the order of the transactions that appended them (tx_id), so an aggregate's next event must
-- never come from a transaction older than the one that appended its previous event. That happens when a transaction
-- got its id before another appended to the aggregate and committed, then itself appends to the same aggregate (a
-- Kafka batch applies many commands in one transaction: a refund after another consumer's purchase of the same member
-- would be read before the purchase). Such an append is refused as a serialization failure; the command is tried again
-- in a transaction of its own, whose id is then newer.
CREATE FUNCTION domain_event_entry_in_transaction_order() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sequence_number > 0 AND EXISTS (
            SELECT 1 FROM domain_event_entry
            WHERE aggregate_identifier = NEW.aggregate_identifier
              AND sequence_number = NEW.sequence_number - 1
              AND tx_id > NEW.tx_id) THEN
        RAISE EXCEPTION 'event % of aggregate % comes from a transaction older than its previous event''s',
                NEW.sequence_number, NEW.aggregate_identifier
            USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_in_transaction_order
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_in_transaction_order();
