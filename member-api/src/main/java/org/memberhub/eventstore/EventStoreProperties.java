package org.memberhub.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The JDBC event store.
 *
 * @param orderedAppends whether readers are guaranteed never to skip an event: on PostgreSQL events are read in the
 *     order of their transactions, on other databases appends take the append lock; turn off only to demonstrate what
 *     happens without it
 * @param gapTimeout how long a tracking processor waits for a missing global index before it treats it as a rolled
 *     back transaction (global-index order only: without ordered appends, or on a database other than PostgreSQL)
 * @param batchSize events read per query by tracking processors and when sourcing an aggregate
 * @param pollInterval how often the store looks for new events when none were announced: events appended by other
 *     instances, and events that became readable when an older transaction ended
 */
@ConfigurationProperties("memberhub.event-store")
public record EventStoreProperties(
        @DefaultValue("true") boolean orderedAppends,
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("50ms") Duration pollInterval) {}
