package org.memberhub.command.member;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.PoisonedDueTransition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the schedule in {@code member_schedule}, one row per member with something due. The sweep reads it by
 * {@code wake_at}: the due instant, or after a failure the instant of the next attempt, or null for a poisoned member,
 * which the sweep's range scan of {@code member_schedule_wake_idx} then never meets.
 *
 * <p>Inside a unit of work a member's new due instant is written when the outermost unit of work prepares its commit,
 * with the events, not while the command runs. A write gives the transaction its id, and readers take events in the
 * order of those ids: a batch of commands (a Kafka poll's) whose first command wrote at once would hold an id older
 * than another transaction that appends a later member's event and commits while the batch still runs, and the
 * event store would refuse the batch's events of that member (see {@code TransactionOrderedStorageEngine}). Written at
 * prepare-commit, after every command of the batch has loaded its member, the id comes after what they read.
 */
@Component
class JdbcDueSchedule implements DueSchedule {

    /** The unit-of-work resource that holds the changes to write when it commits. */
    private static final String PENDING = JdbcDueSchedule.class.getName() + ".pending";

    private final JdbcClient jdbc;

    JdbcDueSchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void set(MemberId member, Instant dueAt) {
        if (!CurrentUnitOfWork.isStarted()) {
            write(member, dueAt);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<MemberId, Instant> pending = root.getOrComputeResource(PENDING, key -> {
            Map<MemberId, Instant> changes = new LinkedHashMap<>();
            root.onPrepareCommit(unitOfWork -> changes.forEach(this::write));
            return changes;
        });
        pending.put(member, dueAt); // a later command of the same member in the batch decides
    }

    private void write(MemberId member, Instant dueAt) {
        if (dueAt == null) {
            jdbc.sql("DELETE FROM member_schedule WHERE member_id = :member")
                    .param("member", member.value())
                    .update();
            return;
        }
        OffsetDateTime due = utc(dueAt);
        int updated = jdbc.sql("UPDATE member_schedule SET due_at = :due, wake_at = :due, attempts = 0,"
                        + " poisoned_at = NULL, last_failure = NULL WHERE member_id = :member")
                .param("due", due)
                .param("member", member.value())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO member_schedule (member_id, due_at, wake_at) VALUES (:member, :due, :due)")
                    .param("member", member.value())
                    .param("due", due)
                    .update();
        }
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return jdbc.sql("SELECT member_id, attempts FROM member_schedule WHERE wake_at <= :now ORDER BY wake_at"
                        + " LIMIT :limit")
                .param("now", utc(now))
                .param("limit", limit)
                .query((row, number) -> new Due(new MemberId(row.getObject(1, UUID.class)), row.getInt(2)))
                .list();
    }

    @Override
    public void failed(Due due, int attempts, Instant retryAt, String failure, Instant now) {
        // wake_at <= now: not rescheduled by a command of the member since the sweep read it
        jdbc.sql("UPDATE member_schedule SET attempts = :attempts, wake_at = :retry, poisoned_at = :poisoned,"
                        + " last_failure = :failure WHERE member_id = :member AND attempts = :before"
                        + " AND wake_at <= :now")
                .param("attempts", attempts)
                .param("retry", retryAt == null ? null : utc(retryAt), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("poisoned", retryAt == null ? utc(now) : null, Types.TIMESTAMP_WITH_TIMEZONE)
                .param("failure", failure)
                .param("member", due.member().value())
                .param("before", due.attempts())
                .param("now", utc(now))
                .update();
    }

    @Override
    public List<PoisonedDueTransition> poisoned(int limit) {
        return jdbc.sql("SELECT member_id, due_at, attempts, poisoned_at, last_failure FROM member_schedule"
                        + " WHERE poisoned_at IS NOT NULL ORDER BY poisoned_at, member_id LIMIT :limit")
                .param("limit", limit)
                .query((row, number) -> new PoisonedDueTransition(
                        new MemberId(row.getObject(1, UUID.class)),
                        row.getObject(2, OffsetDateTime.class).toInstant(),
                        row.getInt(3),
                        row.getObject(4, OffsetDateTime.class).toInstant(),
                        row.getString(5)))
                .list();
    }

    @Override
    public long poisonedCount() {
        return jdbc.sql("SELECT count(*) FROM member_schedule WHERE poisoned_at IS NOT NULL")
                .query(Long.class)
                .single();
    }

    @Override
    public int retryPoisoned() {
        return jdbc.sql("UPDATE member_schedule SET wake_at = due_at, attempts = 0, poisoned_at = NULL"
                        + " WHERE poisoned_at IS NOT NULL")
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
