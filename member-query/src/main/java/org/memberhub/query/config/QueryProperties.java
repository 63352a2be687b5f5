package org.memberhub.query.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the query side.
 *
 * @param consistencyTimeout how long a query carrying a consistency token waits for the read model to catch up
 * @param processorBatchSize events a projector applies in one transaction
 * @param processorSegments segments each projector's event stream is split into, each with its own thread; instances share them out
 * @param consistencyCheckInterval how often the read models are compared with the event store (zero: never by
 *     schedule, only on request)
 * @param viewCacheSize member views (detail, points, level: each its own cache) each instance keeps in memory, kept
 *     exact by the projections; 0 keeps none
 * @param viewCacheWarmUp whether the member view caches fill themselves from the read models: every member's view when
 *     the instance starts (and whenever it listens for changes again), and a member's new view after each change of a
 *     member a cache held (of any member while it has room), instead of only as members are read
 * @param exactCountLimit the member list counts its matches exactly up to this many; above, on PostgreSQL, its total
 *     is the query planner's estimate, marked as such (counting 100 000 rows per request would cost more than the page)
 */
@ConfigurationProperties("memberhub.query")
public record QueryProperties(
        @DefaultValue("5s") Duration consistencyTimeout,
        @DefaultValue("1000") int processorBatchSize,
        @DefaultValue("2") int processorSegments,
        @DefaultValue("PT1H") Duration consistencyCheckInterval,
        @DefaultValue("200000") long viewCacheSize,
        @DefaultValue("true") boolean viewCacheWarmUp,
        @DefaultValue("1000") int exactCountLimit) {}
