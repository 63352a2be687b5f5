package org.memberhub.query.metrics;

import static org.jooq.impl.DSL.count;
import static org.memberhub.query.jooq.Tables.MEMBERS;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * Members by status and level, from the member read model: one grouped query, kept for {@code maxAge} and read again
 * only when asked after that (a scrape), so that however often and by however many gauges it is asked, the database
 * sees one query per period at most.
 */
final class MemberCounts {

    /** A status and a level. */
    public record Key(String status, int level) {}

    private final DSLContext dsl;
    private final long maxAgeNanos;
    private Map<Key, Long> counts = Map.of();
    private long readAt;
    private boolean read;

    MemberCounts(DSLContext dsl, Duration maxAge) {
        this.dsl = dsl;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** How many members have this status and level, as of the last read (at most {@code maxAge} old). */
    public long of(String status, int level) {
        return current().getOrDefault(new Key(status, level), 0L);
    }

    /** Every status and level with at least one member. */
    public synchronized Map<Key, Long> current() {
        long now = System.nanoTime();
        if (!read || now - readAt >= maxAgeNanos) {
            Map<Key, Long> fresh = new HashMap<>();
            for (Record3<String, Short, Integer> row : dsl.select(MEMBERS.STATUS, MEMBERS.MEMBER_LEVEL, count())
                    .from(MEMBERS)
                    .groupBy(MEMBERS.STATUS, MEMBERS.MEMBER_LEVEL)
                    .fetch()) {
                fresh.put(new Key(row.value1(), row.value2()), row.value3().longValue());
            }
            counts = Map.copyOf(fresh);
            readAt = now;
            read = true;
        }
        return counts;
    }
}
