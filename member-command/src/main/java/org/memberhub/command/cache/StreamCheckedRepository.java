package org.memberhub.command.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository for an event store that other instances append to as well. Before a cached aggregate is
 * used, the stream's last sequence number is read from the event store (one indexed query); when another instance
 * has appended since, the entry is dropped and the aggregate loaded from its snapshot and events. A race lost between
 * that check and the append fails on the store's unique (aggregate, sequence) key: Axon drops the entry when the unit
 * of work rolls back, and the command gateway retries with a fresh load.
 *
 * <p>Aggregates that match {@code evictWhen} after a command (a member whose personal data was erased) are not kept.
 *
 * @param <T> the aggregate type
 */
public class StreamCheckedRepository<T> extends CachingEventSourcingRepository<T> {

    private final CaffeineAxonCache cache;
    private final EventStore eventStore;
    private final Predicate<T> evictWhen;
    private final Counter hits;
    private final Counter stale;
    private final Counter misses;

    public StreamCheckedRepository(
            EventSourcingRepository.Builder<T> builder,
            CaffeineAxonCache cache,
            EventStore eventStore,
            Predicate<T> evictWhen,
            MeterRegistry metrics,
            String name) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
        this.evictWhen = evictWhen;
        this.hits = counter(metrics, name, "hit");
        this.stale = counter(metrics, name, "stale");
        this.misses = counter(metrics, name, "miss");
        Gauge.builder("memberhub.aggregate.cache.size", cache, CaffeineAxonCache::size)
                .description("aggregates in the cache")
                .tag("aggregate", name)
                .register(metrics);
    }

    private static Counter counter(MeterRegistry metrics, String name, String outcome) {
        return Counter.builder("memberhub.aggregate.cache")
                .description("aggregates loaded from the cache (hit), reloaded because another instance appended"
                        + " (stale), or loaded from the event store (miss)")
                .tag("aggregate", name)
                .tag("outcome", outcome)
                .register(metrics);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (!cache.containsKey(aggregateIdentifier)) {
            misses.increment();
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        EventSourcedAggregate<T> cached = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        Optional<Long> stored = eventStore.lastSequenceNumberFor(aggregateIdentifier);
        if (Objects.equals(cached.version(), stored.orElse(null))) {
            hits.increment();
            return cached;
        }
        stale.increment();
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    /** Whether the aggregate is in the cache now. */
    public boolean isCached(String aggregateIdentifier) {
        return cache.containsKey(aggregateIdentifier);
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        if (evictWhen.test(aggregate.getAggregateRoot())) {
            cache.remove(aggregate.identifierAsString());
        }
    }
}
