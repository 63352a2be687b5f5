package org.memberhub.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.projection.ProjectionStatus;
import org.memberhub.query.testing.TestDatabase;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The status of a group is read from one snapshot: a replay whose start commits while a status is being read is seen
 * wholly or not at all, never as started with the tokens of before the reset (which would read as a replay done).
 */
class ProjectionsStatusTest {

    private static final String GROUP = "points";

    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static final TrackingToken REACHED = new GlobalSequenceTrackingToken(10);

    private static TestDatabase database;
    private static DataSource dataSource;

    private final AtomicBoolean resetDuringNextRead = new AtomicBoolean();
    private Projections projections;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = TestDatabase.create().migrate("classpath:db/migration/query");
        dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // the columns of Axon's tables that the status reads
            statement.execute(
                    "CREATE TABLE token_entry (processor_name VARCHAR(255) NOT NULL, segment INTEGER NOT NULL,"
                            + " token BYTEA, token_type VARCHAR(255), time_stamp VARCHAR(255), owner VARCHAR(255),"
                            + " PRIMARY KEY (processor_name, segment))");
            statement.execute("CREATE TABLE domain_event_entry (global_index BIGINT PRIMARY KEY)");
            statement.execute("CREATE TABLE dead_letter_entry (processing_group VARCHAR(255) NOT NULL,"
                    + " sequence_identifier VARCHAR(255) NOT NULL)");
            statement.execute("INSERT INTO domain_event_entry SELECT generate_series(1, 10)");
        }
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** The group has handled every event, and a replay has been asked for: it waits for the reset. */
    @BeforeEach
    void replayAskedFor() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM projection_replay");
            statement.execute("INSERT INTO projection_replay (processing_group, requested_at, requested_by)"
                    + " VALUES ('points', now(), 'admin')");
            storeTokens(connection, REACHED);
        }
        // after the first statement of a read, another instance resets the tokens and records the start
        ExecuteListener concurrentReset = new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                if (resetDuringNextRead.compareAndSet(true, false)) {
                    resetTokens();
                }
            }
        };
        DSLContext dsl = DSL.using(new DefaultConfiguration()
                .set(new TransactionAwareDataSourceProxy(dataSource))
                .set(SQLDialect.POSTGRES)
                .set(concurrentReset));
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.of(GROUP, mock(EventProcessor.class)));
        projections = new Projections(
                processing,
                dsl,
                SERIALIZER,
                Clock.systemUTC(),
                after -> new EventStreamBacklog.Backlog(0, Optional.empty()),
                new DataSourceTransactionManager(dataSource),
                event -> {});
    }

    @Test
    void aReplayStartingWhileTheStatusIsReadIsNotReportedDone() {
        resetDuringNextRead.set(true);
        ProjectionStatus during = projections.status(GROUP);

        assertThat(resetDuringNextRead).as("the reset ran during the read").isFalse();
        assertThat(during.state()).isEqualTo("REPLAY_PENDING");
        assertThat(during.replay().progress()).isZero();

        ProjectionStatus after = projections.status(GROUP);
        assertThat(after.state()).isEqualTo("REPLAYING");
        assertThat(after.replay().startedAt()).isNotNull();
        assertThat(after.replay().progress()).isZero();
        assertThat(after.lagEvents()).isZero(); // the backlog of this test
    }

    @Test
    void everyGroupsStatusComesFromOneSnapshot() {
        resetDuringNextRead.set(true);
        List<ProjectionStatus> during = projections.statuses();

        assertThat(resetDuringNextRead).as("the reset ran during the read").isFalse();
        assertThat(during).singleElement().satisfies(status -> assertThat(status.state())
                .isEqualTo("REPLAY_PENDING"));
        assertThat(projections.statuses()).singleElement().satisfies(status -> assertThat(status.state())
                .isEqualTo("REPLAYING"));
    }

    /** What the replay coordinator does: replay tokens for every segment and the start, in one transaction. */
    private static void resetTokens() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            storeTokens(connection, ReplayToken.createReplayToken(REACHED, null));
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE projection_replay SET started_at = now(), started_by = 'other',"
                        + " reset_position = 10 WHERE processing_group = 'points'");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void storeTokens(Connection connection, TrackingToken token) throws SQLException {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(token, byte[].class);
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO token_entry"
                + " (processor_name, segment, token, token_type, owner) VALUES ('points', ?, ?, ?, 'this-instance')"
                + " ON CONFLICT (processor_name, segment) DO UPDATE SET token = excluded.token,"
                + " token_type = excluded.token_type")) {
            for (int segment = 0; segment < 2; segment++) {
                statement.setInt(1, segment);
                statement.setBytes(2, serialized.getData());
                statement.setString(3, serialized.getType().getName());
                statement.executeUpdate();
            }
        }
    }
}
