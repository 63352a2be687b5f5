package org.memberhub.sync.external;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.sync.SyncCounts;
import org.memberhub.kernel.sync.SyncMode;
import org.memberhub.kernel.sync.SyncOutcome;
import org.memberhub.kernel.sync.SyncRecordDecision;
import org.memberhub.kernel.sync.SyncRecordError;
import org.memberhub.kernel.sync.SyncRunStatus;
import org.memberhub.kernel.sync.SyncRunView;
import org.memberhub.kernel.sync.SyncTrigger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The sync's state row, its runs, their record errors and their record decisions. */
@Repository
class SyncRuns {

    private static final String RUN_COLUMNS =
            "id, run_trigger, run_mode, requested_by, status, started_at, finished_at,"
                    + " watermark_from, watermark_to, created, updated, deleted, unchanged, conflicts_won_locally,"
                    + " conflicts_won_externally, failed, quarantined, error";

    private final JdbcTemplate jdbc;

    SyncRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the lease for a new run if no run holds one that is still valid; a run whose lease ran out (its instance
     * stopped) is recorded as failed.
     *
     * @return the run under way when the lease is held by it, empty when the lease was taken
     */
    Optional<Long> tryLease(String owner, Instant now, Instant until) {
        List<Object[]> state =
                jdbc.query("SELECT running_run_id, lease_until FROM sync_state WHERE id = 1 FOR UPDATE", (row, i) ->
                        new Object[] {row.getObject(1, Long.class), row.getTimestamp(2)});
        Long running = (Long) state.get(0)[0];
        Timestamp leaseUntil = (Timestamp) state.get(0)[1];
        if (running != null && leaseUntil != null && leaseUntil.toInstant().isAfter(now)) {
            return Optional.of(running);
        }
        if (running != null) {
            finish(running, SyncRunStatus.FAILED, now, null, "abandoned: the instance running it stopped");
        }
        jdbc.update(
                "UPDATE sync_state SET running_run_id = NULL, lease_owner = ?, lease_until = ? WHERE id = 1",
                owner,
                Timestamp.from(until));
        return Optional.empty();
    }

    /**
     * Records the run as the one holding the lease.
     *
     * @param readFrom where the run starts reading (the watermark less the overlap); null for all
     * @param watermark the watermark it starts from, where it stays until the run moves it on
     */
    long start(
            SyncTrigger trigger, SyncMode mode, String requestedBy, Instant now, Instant readFrom, Instant watermark) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var insert = connection.prepareStatement(
                            "INSERT INTO sync_run (run_trigger, run_mode, requested_by, status, started_at,"
                                    + " watermark_from, watermark_to) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    insert.setString(1, trigger.name());
                    insert.setString(2, mode.name());
                    insert.setString(3, requestedBy);
                    insert.setString(4, SyncRunStatus.RUNNING.name());
                    insert.setTimestamp(5, Timestamp.from(now));
                    insert.setTimestamp(6, readFrom == null ? null : Timestamp.from(readFrom));
                    insert.setTimestamp(7, watermark == null ? null : Timestamp.from(watermark));
                    return insert;
                },
                key);
        long id = key.getKey().longValue();
        jdbc.update("UPDATE sync_state SET running_run_id = ? WHERE id = 1", id);
        return id;
    }

    /** Extends the run's lease; false when it is no longer the run holding it. */
    boolean renew(long runId, String owner, Instant until) {
        return jdbc.update(
                        "UPDATE sync_state SET lease_until = ? WHERE id = 1 AND running_run_id = ? AND lease_owner = ?",
                        Timestamp.from(until),
                        runId,
                        owner)
                > 0;
    }

    Instant watermark() {
        Timestamp watermark = jdbc.queryForObject("SELECT watermark FROM sync_state WHERE id = 1", Timestamp.class);
        return watermark == null ? null : watermark.toInstant();
    }

    /** Saves the run's progress: its counts, and the watermark the next run would start from. */
    void progress(long runId, SyncCounts counts, Instant watermarkTo) {
        jdbc.update(
                "UPDATE sync_run SET created = ?, updated = ?, deleted = ?, unchanged = ?, conflicts_won_locally = ?,"
                        + " conflicts_won_externally = ?, failed = ?, quarantined = ?, watermark_to = ? WHERE id = ?",
                counts.created(),
                counts.updated(),
                counts.deleted(),
                counts.unchanged(),
                counts.conflictsWonLocally(),
                counts.conflictsWonExternally(),
                counts.failed(),
                counts.quarantined(),
                watermarkTo == null ? null : Timestamp.from(watermarkTo),
                runId);
        if (watermarkTo != null) {
            jdbc.update(
                    "UPDATE sync_state SET watermark = ? WHERE id = 1 AND running_run_id = ?",
                    Timestamp.from(watermarkTo),
                    runId);
        }
    }

    void recordError(long runId, SyncRecordError error) {
        jdbc.update(
                "INSERT INTO sync_run_error (run_id, external_id, code, message) VALUES (?, ?, ?, ?)",
                runId,
                truncate(error.externalId(), 64),
                truncate(error.code(), 64),
                truncate(error.message(), 500));
    }

    /** Ends the run and gives up the lease. */
    void finish(long runId, SyncRunStatus status, Instant now, SyncCounts counts, String error) {
        if (counts != null) {
            jdbc.update(
                    "UPDATE sync_run SET created = ?, updated = ?, deleted = ?, unchanged = ?,"
                            + " conflicts_won_locally = ?, conflicts_won_externally = ?, failed = ?, quarantined = ?"
                            + " WHERE id = ?",
                    counts.created(),
                    counts.updated(),
                    counts.deleted(),
                    counts.unchanged(),
                    counts.conflictsWonLocally(),
                    counts.conflictsWonExternally(),
                    counts.failed(),
                    counts.quarantined(),
                    runId);
        }
        jdbc.update(
                "UPDATE sync_run SET status = ?, finished_at = ?, error = ? WHERE id = ?",
                status.name(),
                Timestamp.from(now),
                truncate(error, 1000),
                runId);
        jdbc.update(
                "UPDATE sync_state SET running_run_id = NULL, lease_owner = NULL, lease_until = NULL"
                        + " WHERE id = 1 AND running_run_id = ?",
                runId);
    }

    /** Stores a page of the run's record decisions in one batch. */
    void recordDecisions(long runId, List<SyncRecordDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO sync_run_decision (run_id, seq, external_id, member_id, outcome, reason, decided_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                decisions,
                decisions.size(),
                (insert, decision) -> {
                    insert.setLong(1, runId);
                    insert.setLong(2, decision.seq());
                    insert.setString(3, truncate(decision.externalId(), 64));
                    insert.setObject(
                            4,
                            decision.memberId() == null
                                    ? null
                                    : decision.memberId().value());
                    insert.setString(5, decision.outcome().name());
                    insert.setString(6, truncate(decision.reason(), 64));
                    insert.setTimestamp(7, Timestamp.from(decision.decidedAt()));
                });
    }

    /** Deletes the record decisions of runs started before {@code before}; the runs themselves stay. */
    int pruneDecisions(Instant before) {
        return jdbc.update(
                "DELETE FROM sync_run_decision WHERE run_id IN (SELECT id FROM sync_run WHERE started_at < ?)",
                Timestamp.from(before));
    }

    boolean exists(long runId) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM sync_run WHERE id = ?)", Boolean.class, runId));
    }

    /** The run's record decisions in the order it took them, optionally only those of one outcome. */
    List<SyncRecordDecision> decisions(long runId, SyncOutcome outcome, int page, int size) {
        return jdbc.query(
                "SELECT seq, external_id, member_id, outcome, reason, decided_at FROM sync_run_decision"
                        + " WHERE run_id = ? AND (CAST(? AS VARCHAR) IS NULL OR outcome = ?)"
                        + " ORDER BY seq LIMIT ? OFFSET ?",
                (row, i) -> new SyncRecordDecision(
                        row.getLong(1),
                        row.getString(2),
                        row.getObject(3) == null ? null : new MemberId(row.getObject(3, UUID.class)),
                        SyncOutcome.valueOf(row.getString(4)),
                        row.getString(5),
                        instant(row.getTimestamp(6))),
                runId,
                outcome == null ? null : outcome.name(),
                outcome == null ? null : outcome.name(),
                size,
                (long) page * size);
    }

    long countDecisions(long runId, SyncOutcome outcome) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM sync_run_decision WHERE run_id = ? AND (CAST(? AS VARCHAR) IS NULL OR outcome = ?)",
                Long.class,
                runId,
                outcome == null ? null : outcome.name(),
                outcome == null ? null : outcome.name());
    }

    Optional<SyncRunView> find(long runId) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM sync_run WHERE id = ?", this::run, runId).stream()
                .findFirst()
                .map(run -> withErrors(run, errors(runId)));
    }

    List<SyncRunView> page(int page, int size) {
        return jdbc.query(
                "SELECT " + RUN_COLUMNS + " FROM sync_run ORDER BY id DESC LIMIT ? OFFSET ?",
                this::run,
                size,
                (long) page * size);
    }

    long count() {
        return jdbc.queryForObject("SELECT count(*) FROM sync_run", Long.class);
    }

    Optional<SyncRunView> running() {
        return jdbc
                .query(
                        "SELECT " + RUN_COLUMNS + " FROM sync_run WHERE id = (SELECT running_run_id FROM sync_state"
                                + " WHERE id = 1)",
                        this::run)
                .stream()
                .findFirst();
    }

    Optional<SyncRunView> lastFinished() {
        return jdbc
                .query(
                        "SELECT " + RUN_COLUMNS + " FROM sync_run WHERE status <> 'RUNNING' ORDER BY id DESC LIMIT 1",
                        this::run)
                .stream()
                .findFirst();
    }

    /** When the latest successful run finished. */
    Optional<Instant> lastSuccessEnd() {
        return jdbc
                .query(
                        "SELECT finished_at FROM sync_run WHERE status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1",
                        (row, i) -> row.getTimestamp(1).toInstant())
                .stream()
                .findFirst();
    }

    private List<SyncRecordError> errors(long runId) {
        return jdbc.query(
                "SELECT external_id, code, message FROM sync_run_error WHERE run_id = ? ORDER BY external_id",
                (row, i) -> new SyncRecordError(row.getString(1), row.getString(2), row.getString(3)),
                runId);
    }

    private SyncRunView run(ResultSet row, int i) throws SQLException {
        return new SyncRunView(
                row.getLong("id"),
                SyncTrigger.valueOf(row.getString("run_trigger")),
                SyncMode.valueOf(row.getString("run_mode")),
                row.getString("requested_by"),
                SyncRunStatus.valueOf(row.getString("status")),
                instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("finished_at")),
                instant(row.getTimestamp("watermark_from")),
                instant(row.getTimestamp("watermark_to")),
                new SyncCounts(
                        row.getInt("created"),
                        row.getInt("updated"),
                        row.getInt("deleted"),
                        row.getInt("unchanged"),
                        row.getInt("conflicts_won_locally"),
                        row.getInt("conflicts_won_externally"),
                        row.getInt("failed"),
                        row.getInt("quarantined")),
                row.getString("error"),
                List.of());
    }

    private static SyncRunView withErrors(SyncRunView run, List<SyncRecordError> errors) {
        return new SyncRunView(
                run.id(),
                run.trigger(),
                run.mode(),
                run.requestedBy(),
                run.status(),
                run.startedAt(),
                run.finishedAt(),
                run.watermarkFrom(),
                run.watermarkTo(),
                run.counts(),
                run.error(),
                errors);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
