package org.memberhub.query.projection;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.TrackingToken;

/**
 * How far the event stream reaches beyond a processor's position, in the order in which the event store delivers it.
 * The event store's configuration provides it, since only the store knows that order.
 */
public interface EventStreamBacklog {

    /**
     * The events after a position.
     *
     * @param after the last event handled, unwrapped from any replay token; null for none
     */
    Backlog after(TrackingToken after);

    /**
     * @param events how many events come after the position
     * @param oldest when the oldest of them was appended; empty when there are none
     */
    record Backlog(long events, Optional<Instant> oldest) {}
}
