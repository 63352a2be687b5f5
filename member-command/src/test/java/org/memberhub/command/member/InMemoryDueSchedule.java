package org.memberhub.command.member;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.PoisonedDueTransition;

/** The due schedule's contract without a database, for aggregate fixture and sweep tests. */
class InMemoryDueSchedule implements DueSchedule {

    /** One member's row. */
    static final class Row {
        Instant dueAt;
        Instant wakeAt;
        int attempts;
        Instant poisonedAt;
        String lastFailure;

        Row(Instant dueAt) {
            this.dueAt = dueAt;
            this.wakeAt = dueAt;
        }
    }

    final Map<MemberId, Row> rows = new LinkedHashMap<>();

    /** Each member's due instant, as the aggregate set it. */
    Map<MemberId, Instant> dueAt() {
        Map<MemberId, Instant> due = new LinkedHashMap<>();
        rows.forEach((member, row) -> due.put(member, row.dueAt));
        return due;
    }

    @Override
    public void set(MemberId member, Instant due) {
        if (due == null) {
            rows.remove(member);
        } else {
            rows.put(member, new Row(due));
        }
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return rows.entrySet().stream()
                .filter(entry -> entry.getValue().wakeAt != null
                        && !entry.getValue().wakeAt.isAfter(now))
                .sorted(Comparator.comparing(entry -> entry.getValue().wakeAt))
                .limit(limit)
                .map(entry -> new Due(entry.getKey(), entry.getValue().attempts))
                .toList();
    }

    @Override
    public void failed(Due due, int attempts, Instant retryAt, String failure, Instant now) {
        Row row = rows.get(due.member());
        if (row == null || row.attempts != due.attempts() || row.wakeAt == null || row.wakeAt.isAfter(now)) {
            return;
        }
        row.attempts = attempts;
        row.wakeAt = retryAt;
        row.poisonedAt = retryAt == null ? now : null;
        row.lastFailure = failure;
    }

    @Override
    public List<PoisonedDueTransition> poisoned(int limit) {
        return rows.entrySet().stream()
                .filter(entry -> entry.getValue().poisonedAt != null)
                .limit(limit)
                .map(entry -> new PoisonedDueTransition(
                        entry.getKey(),
                        entry.getValue().dueAt,
                        entry.getValue().attempts,
                        entry.getValue().poisonedAt,
                        entry.getValue().lastFailure))
                .toList();
    }

    @Override
    public long poisonedCount() {
        return rows.values().stream().filter(row -> row.poisonedAt != null).count();
    }

    @Override
    public int retryPoisoned() {
        int retried = 0;
        for (Row row : rows.values()) {
            if (row.poisonedAt != null) {
                row.poisonedAt = null;
                row.wakeAt = row.dueAt;
                row.attempts = 0;
                retried++;
            }
        }
        return retried;
    }
}
