-- indexing a large event store may take longer than the application's statement timeout
SET LOCAL statement_timeout = 0;

-- Every event records the transaction that appended it, so that readers can follow the order of
-- transactions instead of the order in which global indexes were handed out, and appends no longer
-- need the append lock (see TransactionOrderedStorageEngine). Events appended before count as
-- transaction 0: they were appended under the lock, in global-index order.
ALTER TABLE domain_event_entry ADD COLUMN tx_id xid8 NOT NULL DEFAULT '0';
ALTER TABLE domain_event_entry ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id();

CREATE INDEX domain_event_entry_tx_order_idx ON domain_event_entry (tx_id, global_index);
