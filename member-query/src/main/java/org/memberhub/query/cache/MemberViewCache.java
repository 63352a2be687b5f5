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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.member.MemberId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>A cache that fills itself and is given a {@link Source} reads views from the read model on a thread of its own,
 * by the same rule as a read that misses: every member's whenever it starts serving ({@link #warmUp}), so an instance
 * that starts, or listens again, serves its first reads from memory; and, after each invalidation, the new view of a
 * member it held, or of any member while it has room, so a member just registered or just changed is read from memory
 * too, not once from the database by the first reader after each change.
 *
 * @param <V> the view
 */
public final class MemberViewCache<V> implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemberViewCache.class);
    private static final int STRIPES = 4096;
    private static final int WARM_UP_PAGE = 1000;
    private static final int REFILL_BATCH = 500;

    /**
     * How long the changes of members are gathered before their new views are read: one query then reads the members
     * of many commits (each commit's change reaches the cache twice on the instance that projected it, once after the
     * commit and once by notification), at the cost of reads that come within this time missing.
     */
    private static final Duration REFILL_GATHERING = Duration.ofMillis(100);

    /** Where a cache that fills itself reads views from the read model. */
    public interface Source<V> {

        /** Up to {@code size} views of the members after {@code after} (of the first members when null), by id. */
        List<V> after(MemberId after, int size);

        /** The views of those of these members the read model holds, as a read of each member would give them. */
        List<V> of(Collection<MemberId> members);

        /** Whose view it is. */
        MemberId idOf(V view);
    }

    private final String name;
    private final ToLongFunction<V> versionOf;
    private final Cache<MemberId, V> views;
    private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
    private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
    private final long maximumSize;
    private final boolean active;
    private final boolean filling;
    private final AtomicInteger warmUps = new AtomicInteger();
    private final Set<MemberId> toRefill = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refilling = new AtomicBoolean();
    private final Executor reader;
    private final Executor refiller;
    private volatile boolean serving;
    private volatile Source<V> source;

    /**
     * @param name the cache's name in metrics and in change notifications
     * @param versionOf the version of a view: the sequence number of the member's last event it reflects
     * @param maximumSize the most views kept; 0 keeps none
     * @param serving whether it serves from the start, or only once {@link #serve} is called (when invalidations
     *     from other instances are being received)
     */
    public MemberViewCache(String name, ToLongFunction<V> versionOf, long maximumSize, boolean serving) {
        this(name, versionOf, maximumSize, serving, false);
    }

    /**
     * @param filling whether the cache fills itself from its {@link Source}: when it starts serving, and after each
     *     invalidation
     */
    public MemberViewCache(
            String name, ToLongFunction<V> versionOf, long maximumSize, boolean serving, boolean filling) {
        this(
                name,
                versionOf,
                maximumSize,
                serving,
                filling,
                Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, name + "-reader");
                    thread.setDaemon(true);
                    return thread;
                }),
                REFILL_GATHERING);
    }

    /**
     * @param reader runs the reads of a cache that fills itself, one at a time
     * @param gathering how long changes are gathered before their new views are read
     */
    MemberViewCache(
            String name,
            ToLongFunction<V> versionOf,
            long maximumSize,
            boolean serving,
            boolean filling,
            Executor reader,
            Duration gathering) {
        this.name = name;
        this.versionOf = versionOf;
        this.views = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .recordStats(() -> new OwnHitsAndMisses(stats))
                .build();
        this.maximumSize = maximumSize;
        this.active = maximumSize > 0;
        this.filling = filling && active;
        this.serving = serving && active;
        this.reader = reader;
        this.refiller = gathering.isZero()
                ? reader
                : CompletableFuture.delayedExecutor(gathering.toMillis(), TimeUnit.MILLISECONDS, reader);
    }

    /** Where the cache reads the views it fills itself with. */
    public void fillFrom(Source<V> source) {
        this.source = source;
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
        loaded.ifPresent(view -> keep(member, view, stripe, stamp));
        return loaded;
    }

    /**
     * Keeps a view read from the read model while the member's stripe had this stamp, unless the member was
     * invalidated since (what was read may predate the change) or a newer view is kept already.
     */
    private boolean keep(MemberId member, V view, int stripe, long stamp) {
        boolean[] kept = {false};
        views.asMap().compute(member, (key, present) -> {
            if (stamps.get(stripe) != stamp
                    || present != null && versionOf.applyAsLong(present) > versionOf.applyAsLong(view)) {
                return present;
            }
            kept[0] = true;
            return view;
        });
        return kept[0];
    }

    /**
     * Starts filling the cache from its source on its reader thread, if it fills itself and has one: page by page
     * until the source has no more, the cache is full, it stops serving or another warm-up starts. A failing read ends
     * the warm-up; reads that miss fill the cache as before.
     */
    public void warmUp() {
        Source<V> from = source;
        if (!filling || from == null || !serving) {
            return;
        }
        int warmUp = warmUps.incrementAndGet();
        read(() -> fill(from, warmUp));
    }

    /** One warm-up; returns the views it kept. */
    long fill(Source<V> from, int warmUp) {
        long started = System.nanoTime();
        long kept = 0;
        long[] before = new long[STRIPES];
        MemberId after = null;
        try {
            while (serving && warmUps.get() == warmUp && views.estimatedSize() < maximumSize) {
                for (int stripe = 0; stripe < STRIPES; stripe++) {
                    before[stripe] = stamps.get(stripe);
                }
                List<V> page = from.after(after, WARM_UP_PAGE);
                for (V view : page) {
                    MemberId member = from.idOf(view);
                    int stripe = stripe(member);
                    if (keep(member, view, stripe, before[stripe])) {
                        kept++;
                    }
                }
                if (page.size() < WARM_UP_PAGE) {
                    break;
                }
                after = from.idOf(page.get(page.size() - 1));
            }
            log.info(
                    "Warmed up the {} cache: {} views kept in {} ms",
                    name,
                    kept,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Warming up the {} cache stopped after {} views: {}", name, kept, e.toString());
        }
        return kept;
    }

    /**
     * Drops the members' views: a projection has committed a change of each. A cache that fills itself then reads the
     * new views of those it held, and of the others while it has room.
     */
    public void invalidate(Collection<MemberId> members) {
        boolean refill = false;
        for (MemberId member : members) {
            stamps.incrementAndGet(stripe(member));
            boolean held = views.asMap().remove(member) != null;
            if (filling && serving && (held || views.estimatedSize() < maximumSize)) {
                refill |= toRefill.add(member);
            }
        }
        if (refill && source != null && refilling.compareAndSet(false, true)) {
            refill(refiller);
        }
    }

    /**
     * Reads the views of the members waiting for it, up to 500 per query, each kept by the rule of a read that misses:
     * the stamps are taken after the invalidation that queued the member, so what is read is at least as new as that
     * change; a member invalidated again meanwhile is not kept, but queued again, for the next round. A failing read
     * leaves the rest to reads that miss.
     */
    void refill() {
        Source<V> from = source;
        try {
            List<MemberId> queued = new ArrayList<>();
            for (Iterator<MemberId> members = toRefill.iterator(); members.hasNext(); ) {
                queued.add(members.next());
                members.remove();
            }
            for (int first = 0; serving && first < queued.size(); first += REFILL_BATCH) {
                List<MemberId> batch = queued.subList(first, Math.min(queued.size(), first + REFILL_BATCH));
                Map<MemberId, Long> before = new HashMap<>();
                for (MemberId member : batch) {
                    before.put(member, stamps.get(stripe(member)));
                }
                for (V view : from.of(batch)) {
                    MemberId member = from.idOf(view);
                    Long stamp = before.get(member);
                    if (stamp != null) {
                        keep(member, view, stripe(member), stamp);
                    }
                }
            }
        } catch (RuntimeException e) {
            toRefill.clear();
            log.warn("Reading changed views into the {} cache failed; reads that miss will: {}", name, e.toString());
        } finally {
            refilling.set(false);
        }
        if (serving && !toRefill.isEmpty() && refilling.compareAndSet(false, true)) {
            refill(refiller);
        }
    }

    private void refill(Executor executor) {
        try {
            executor.execute(this::refill);
        } catch (RejectedExecutionException closed) {
            refilling.set(false);
        }
    }

    private void read(Runnable task) {
        try {
            reader.execute(task);
        } catch (RejectedExecutionException closed) {
            // the application is shutting down
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
        toRefill.clear();
        clear();
    }

    /** Stops the reader thread: the application is shutting down. */
    @Override
    public void close() {
        serving = false;
        if (reader instanceof ExecutorService service) {
            service.shutdownNow();
        }
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
