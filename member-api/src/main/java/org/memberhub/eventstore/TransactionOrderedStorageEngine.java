package org.memberhub.eventstore;

import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;
import static org.axonframework.common.jdbc.JdbcUtils.listResults;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.annotation.Nonnull;
import org.axonframework.common.jdbc.JdbcUtils.SqlFunction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event store on PostgreSQL, read in the order of the transactions that appended the events, so that
 * appends run in parallel and still no reader ever skips an event (Axon issue #4829).
 *
 * <p>Each event row records the id of the transaction that wrote it ({@code tx_id}, {@code pg_current_xact_id()}).
 * Global indexes are handed out when rows are inserted, not when they commit, so a reader following them would pass
 * an index whose transaction is still open and, if it gave up waiting, lose that event. This store reads instead by
 * (transaction id, global index), and only events of transactions older than every transaction still running
 * ({@code pg_snapshot_xmin(pg_current_snapshot())}): those have all committed or rolled back, so no event can ever
 * appear before a position a reader has reached. A transaction that stays open holds readers back, never writers.
 */
class TransactionOrderedStorageEngine extends JdbcEventStorageEngine {

    private static final String VISIBLE = "tx_id < pg_snapshot_xmin(pg_current_snapshot())";

    /**
     * The transaction id as text, which JDBC can read (it has no type for {@code xid8}). Its name must differ from the
     * column's: in {@code ORDER BY}, PostgreSQL takes a name that is also an output column for the output column, and
     * ordering by the text would read transaction 100 before 99 (and past 99 for good) and sort every row after the
     * position instead of walking the (tx_id, global_index) index.
     */
    private static final String TX_TEXT = "tx_id_text";

    private final TransactionManager transactionManager;
    private final String fetchAfter;
    private final String head;
    private final String firstAt;

    TransactionOrderedStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager) {
        super(builder);
        this.transactionManager = transactionManager;
        EventSchema schema = schema();
        String table = schema.domainEventTable();
        String index = schema.globalIndexColumn();
        this.fetchAfter = "SELECT tx_id::text AS " + TX_TEXT + ", " + trackedEventFields() + " FROM " + table
                + " WHERE (tx_id, " + index + ") > (?::xid8, ?) AND " + VISIBLE
                + " ORDER BY tx_id, " + index + " LIMIT ?";
        this.head = "SELECT tx_id::text AS " + TX_TEXT + ", " + index + " FROM " + table + " WHERE " + VISIBLE
                + " ORDER BY tx_id DESC, " + index + " DESC LIMIT 1";
        this.firstAt = "SELECT tx_id::text AS " + TX_TEXT + ", " + index + " FROM " + table + " WHERE "
                + schema.timestampColumn() + " >= ? AND " + VISIBLE + " ORDER BY tx_id, " + index + " LIMIT 1";
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        TransactionOrderToken after = TransactionOrderToken.of(lastToken);
        return transactionManager.fetchInTransaction(() -> executeQuery(
                getConnection(),
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(fetchAfter);
                    statement.setString(1, Long.toString(after == null ? 0 : after.transaction()));
                    statement.setLong(2, after == null ? -1 : after.globalIndex());
                    statement.setInt(3, batchSize);
                    return statement;
                },
                listResults(this::trackedEvent),
                e -> new EventStoreException("Failed to read events after " + after, e)));
    }

    /** The stream from its start: every event, old ones (transaction 0) included. */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** The last event a reader can see now; events of transactions still open come after it. */
    @Override
    public TrackingToken createHeadToken() {
        return position(connection -> connection.prepareStatement(head), "the head");
    }

    /** Just before the first visible event stamped at or after the instant; the head when there is none. */
    @Override
    public TrackingToken createTokenAt(@Nonnull Instant dateTime) {
        TransactionOrderToken first = position(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(firstAt);
                    writeTimestamp(statement, 1, dateTime);
                    return statement;
                },
                "the first event at " + dateTime);
        return first == null
                ? createHeadToken()
                : new TransactionOrderToken(first.transaction(), first.globalIndex() - 1);
    }

    private TransactionOrderToken position(SqlFunction query, String description) {
        return transactionManager.fetchInTransaction(() -> executeQuery(
                getConnection(),
                query,
                resultSet -> resultSet.next() ? token(resultSet) : null,
                e -> new EventStoreException("Failed to find " + description, e)));
    }

    private TrackedEventData<?> trackedEvent(ResultSet row) throws SQLException {
        EventSchema schema = schema();
        String aggregateIdentifier = row.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = row.getString(schema.eventIdentifierColumn());
        return new TrackedDomainEventData<>(
                token(row),
                new GenericDomainEventEntry<>(
                        row.getString(schema.typeColumn()),
                        eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                        row.getLong(schema.sequenceNumberColumn()),
                        eventIdentifier,
                        readTimeStamp(row, schema.timestampColumn()),
                        row.getString(schema.payloadTypeColumn()),
                        row.getString(schema.payloadRevisionColumn()),
                        readPayload(row, schema.payloadColumn()),
                        readPayload(row, schema.metaDataColumn())));
    }

    private TransactionOrderToken token(ResultSet row) throws SQLException {
        return new TransactionOrderToken(
                Long.parseLong(row.getString(TX_TEXT)), row.getLong(schema().globalIndexColumn()));
    }
}
