package org.memberhub.it;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Another writer (another instance, say) that began appending a member's next event and hung: its open transaction
 * holds the member's next event slot, so every command for the member waits for it, until it is closed (rolled back).
 */
final class StalledWriter implements AutoCloseable {

    private final Connection connection;

    private StalledWriter(Connection connection) {
        this.connection = connection;
    }

    static StalledWriter holdingTheNextEventOf(DataSource dataSource, String memberId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement append = connection.prepareStatement(
                    "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                            + " payload, payload_type, time_stamp)"
                            + " SELECT ?, max(sequence_number) + 1, 'Member', ?, ?, 'stalled', ?"
                            + " FROM domain_event_entry WHERE aggregate_identifier = ?")) {
                append.setString(1, memberId);
                append.setString(2, UUID.randomUUID().toString());
                append.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
                append.setString(4, Instant.now().toString());
                append.setString(5, memberId);
                append.executeUpdate();
            }
            return new StalledWriter(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The writer gives up: its transaction rolls back and the slot is free again. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
