package org.memberhub.eventstore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.memberhub.query.projection.EventStreamBacklog;
import org.springframework.jdbc.core.JdbcTemplate;

/** The backlog of a processor in each order the event store can deliver events in. */
final class StreamBacklogs {

    private StreamBacklogs() {}

    /** Events after a position in transaction order ({@link TransactionOrderedStorageEngine}). */
    static EventStreamBacklog transactionOrder(JdbcTemplate jdbc) {
        return after -> {
            TransactionOrderToken from = TransactionOrderToken.of(after);
            String transaction = Long.toString(from == null ? 0 : from.transaction());
            long index = from == null ? -1 : from.globalIndex();
            String beyond = " FROM domain_event_entry WHERE (tx_id, global_index) > (?::xid8, ?)";
            long events = jdbc.queryForObject("SELECT count(*)" + beyond, Long.class, transaction, index);
            return new EventStreamBacklog.Backlog(
                    events,
                    events == 0
                            ? Optional.empty()
                            : first(jdbc.queryForList(
                                    "SELECT time_stamp" + beyond + " ORDER BY tx_id, global_index LIMIT 1",
                                    String.class,
                                    transaction,
                                    index)));
        };
    }

    /** Events after a position in global-index order (Axon's own order, with gaps). */
    static EventStreamBacklog globalIndexOrder(JdbcTemplate jdbc) {
        return after -> {
            long index = after == null ? -1 : after.position().orElse(-1);
            String beyond = " FROM domain_event_entry WHERE global_index > ?";
            long events = jdbc.queryForObject("SELECT count(*)" + beyond, Long.class, index);
            return new EventStreamBacklog.Backlog(
                    events,
                    events == 0
                            ? Optional.empty()
                            : first(jdbc.queryForList(
                                    "SELECT time_stamp" + beyond + " ORDER BY global_index LIMIT 1",
                                    String.class,
                                    index)));
        };
    }

    private static Optional<Instant> first(List<String> timestamps) {
        return timestamps.stream().findFirst().map(Instant::parse);
    }
}
