package org.memberhub.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The JDBC event store.
 *
 * @param orderedAppends whether appends take the append lock, so that events commit in the order of their global
 *     index and none can be skipped as a gap; turn off only to demonstrate what happens without it
 * @param gapTimeout how long a tracking processor waits for a missing global index before it treats it as a rolled
 *     back transaction (with ordered appends, missing indexes are only ever rolled-back ones)
 * @param batchSize events read per query by tracking processors and when sourcing an aggregate
 */
@ConfigurationProperties("memberhub.event-store")
public record EventStoreProperties(
        @DefaultValue("true") boolean orderedAppends,
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("100") int batchSize) {}
