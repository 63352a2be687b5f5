package org.memberhub.sync.external;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.memberhub.kernel.sync.SyncQuarantinedRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * External records that failed, in {@code sync_record_failure}: per external id, the version (update time) that
 * failed, how many runs it failed in and the last error code. A version that failed often enough is quarantined. Only
 * identifiers, times and codes are kept, never the record's data nor an error message that could quote it.
 */
@Repository
class RecordFailures {

    private final JdbcTemplate jdbc;

    RecordFailures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this version of the record is quarantined. */
    boolean quarantined(String externalId, Instant version) {
        return jdbc
                .query(
                        "SELECT external_updated_at FROM sync_record_failure WHERE external_id = ?"
                                + " AND quarantined_at IS NOT NULL",
                        (row, i) -> instant(row.getTimestamp(1)),
                        externalId)
                .stream()
                .anyMatch(failed -> Objects.equals(failed, version));
    }

    /**
     * Counts one more failed attempt at this version of the record (a different version starts again from one) and
     * quarantines it when the attempts reach {@code quarantineAfter}.
     *
     * @return whether the version is quarantined now
     */
    boolean failed(String externalId, Instant version, String code, long runId, Instant now, int quarantineAfter) {
        Optional<Failure> known = jdbc
                .query(
                        "SELECT external_updated_at, attempts, quarantined_at, first_failed_at FROM sync_record_failure"
                                + " WHERE external_id = ?",
                        (row, i) -> new Failure(
                                instant(row.getTimestamp(1)),
                                row.getInt(2),
                                instant(row.getTimestamp(3)),
                                instant(row.getTimestamp(4))),
                        externalId)
                .stream()
                .findFirst()
                .filter(failure -> Objects.equals(failure.version(), version));
        int attempts = known.map(failure -> failure.attempts() + 1).orElse(1);
        Instant firstFailedAt = known.map(Failure::firstFailedAt).orElse(now);
        Instant quarantinedAt = known.map(Failure::quarantinedAt).orElse(null);
        if (quarantinedAt == null && attempts >= quarantineAfter) {
            quarantinedAt = now;
        }
        int updated = jdbc.update(
                "UPDATE sync_record_failure SET external_updated_at = ?, attempts = ?, code = ?, first_failed_at = ?,"
                        + " last_failed_at = ?, last_run_id = ?, quarantined_at = ? WHERE external_id = ?",
                timestamp(version),
                attempts,
                code,
                Timestamp.from(firstFailedAt),
                Timestamp.from(now),
                runId,
                timestamp(quarantinedAt),
                externalId);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO sync_record_failure (external_id, external_updated_at, attempts, code,"
                            + " first_failed_at, last_failed_at, last_run_id, quarantined_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    externalId,
                    timestamp(version),
                    attempts,
                    code,
                    Timestamp.from(firstFailedAt),
                    Timestamp.from(now),
                    runId,
                    timestamp(quarantinedAt));
        }
        return quarantinedAt != null;
    }

    /** The record applied (or needed nothing) at this version: its earlier failures are over. */
    void succeeded(String externalId, Instant version) {
        jdbc.update(
                "DELETE FROM sync_record_failure WHERE external_id = ?"
                        + " AND (external_updated_at IS NULL OR external_updated_at <= ?)",
                externalId,
                Timestamp.from(version));
    }

    long quarantinedCount() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM sync_record_failure WHERE quarantined_at IS NOT NULL", Long.class);
    }

    /** The most recently quarantined records, newest first. */
    List<SyncQuarantinedRecord> quarantined(int limit) {
        return jdbc.query(
                "SELECT external_id, external_updated_at, code, attempts, quarantined_at, last_run_id"
                        + " FROM sync_record_failure WHERE quarantined_at IS NOT NULL"
                        + " ORDER BY quarantined_at DESC, external_id LIMIT ?",
                (row, i) -> new SyncQuarantinedRecord(
                        row.getString(1),
                        instant(row.getTimestamp(2)),
                        row.getString(3),
                        row.getInt(4),
                        instant(row.getTimestamp(5)),
                        row.getLong(6)),
                limit);
    }

    private record Failure(Instant version, int attempts, Instant quarantinedAt, Instant firstFailedAt) {}

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
