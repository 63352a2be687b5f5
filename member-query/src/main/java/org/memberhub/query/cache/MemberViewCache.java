package org.memberhub.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;

/**
 * This instance's copies of one read model's view of a member (detail, points, level), kept exact by the projections:
 * whenever a projection commits a change of a member, the member's entry is dropped here ({@link #invalidate}) — by
 * the committing instance right after its commit, and by every instance when PostgreSQL delivers the commit's
 * notification ({@link ViewChangeListener}).
 *
 * <p>A read that misses loads the view from the read model and keeps it, unless the member was invalidated while it
 * loaded: each member maps to one of a fixed set of stamps, which every invalidation moves before it drops the entry,
 * so a view read before a commit can never be stored after that commit's invalidation. An entry is also never
 * replaced by an older version. A read carrying a consistency token is answered from the cache only by an entry at
 * least as new as the token; otherwise it waits for the read model like any read.
 *
 * @param <V> the view
 */
public final class MemberViewCache<V> implements MeterBinder {

    private static final int STRIPES = 4096;

    private final String name;
    private final ToLongFunction<V> versionOf;
    private final Cache<MemberId, V> views;
    private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
    private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
    private final boolean active;
    private volatile boolean serving;

    /**
     * @param name the cache's name in metrics and in change notifications
     * @param versionOf the version of a view: the sequence number of the member's last event it reflects
     * @param maximumSize the most views kept; 0 keeps none
     * @param serving whether it serves from the start, or only once {@link #serve} is called (when invalidations
     *     from other instances are being received)
     */
    public MemberViewCache(String name, ToLongFunction<V> versionOf, long maximumSize, boolean serving) {
        this.name = name;
        this.versionOf = versionOf;
        this.views = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .recordStats(() -> new OwnHitsAndMisses(stats))
                .build();
        this.active = maximumSize > 0;
        this.serving = serving && active;
    }

    public String name() {
        return name;
    }

    /**
     * A member's view: the kept one when it is fresh enough for the token, otherwise the one {@code read} gets from
     * the read model (after waiting for the token, which is {@code read}'s business), kept for the next reads.
     */
    public Optional<V> find(MemberId member, ConsistencyToken awaiting, Supplier<Optional<V>> read) {
        if (!serving) {
            return read.get();
        }
        V kept = views.getIfPresent(member);
        if (kept != null && freshEnough(kept, member, awaiting)) {
            stats.recordHits(1);
            return Optional.of(kept);
        }
        stats.recordMisses(1);
        int stripe = stripe(member);
        long stamp = stamps.get(stripe);
        Optional<V> loaded = read.get();
        loaded.ifPresent(view -> views.asMap().compute(member, (key, present) -> {
            if (stamps.get(stripe) != stamp) {
                return present; // invalidated while loading: what was read may predate the change
            }
            return present != null && versionOf.applyAsLong(present) > versionOf.applyAsLong(view) ? present : view;
        }));
        return loaded;
    }

    /** Drops the members' views: a projection has committed a change of each. */
    public void invalidate(Collection<MemberId> members) {
        for (MemberId member : members) {
            stamps.incrementAndGet(stripe(member));
            views.invalidate(member);
        }
    }

    /** Drops every view: the read model was reset, or changes may have been missed. */
    public void clear() {
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            stamps.incrementAndGet(stripe);
        }
        views.invalidateAll();
    }

    /** Starts serving from the cache (again), dropping whatever it held. */
    public void serve() {
        clear();
        serving = active;
    }

    /** Stops serving from the cache: changes made elsewhere may not reach it. */
    void suspend() {
        serving = false;
        clear();
    }

    boolean serving() {
        return serving;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        new CaffeineCacheMetrics<>(views, name, List.of()).bindTo(registry);
    }

    private boolean freshEnough(V view, MemberId member, ConsistencyToken awaiting) {
        if (awaiting == null) {
            return true;
        }
        return awaiting.memberId().equals(member) && versionOf.applyAsLong(view) >= awaiting.version();
    }

    /**
     * Caffeine's statistics except hits and misses, which {@link #find} counts itself: an entry older than a
     * consistency token is a miss.
     */
    private record OwnHitsAndMisses(StatsCounter counted) implements StatsCounter {

        @Override
        public void recordHits(int count) {}

        @Override
        public void recordMisses(int count) {}

        @Override
        public void recordLoadSuccess(long loadTime) {
            counted.recordLoadSuccess(loadTime);
        }

        @Override
        public void recordLoadFailure(long loadTime) {
            counted.recordLoadFailure(loadTime);
        }

        @Override
        public void recordEviction(int weight, RemovalCause cause) {
            counted.recordEviction(weight, cause);
        }

        @Override
        public CacheStats snapshot() {
            return counted.snapshot();
        }
    }

    private static int stripe(MemberId member) {
        int hash = member.hashCode();
        return (hash ^ (hash >>> 16)) & (STRIPES - 1);
    }
}
