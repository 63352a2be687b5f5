package org.memberhub.query.projection;

import java.util.OptionalLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Whether an event reaches a projection again in a replay, decided by its position: an event at or before the position
 * the processor was reset at is a replay.
 *
 * <p>Axon's own {@link ReplayToken#isReplay(org.axonframework.messaging.Message)} compares gap-aware tokens including
 * their gaps. A gap that was still open when the tokens were reset (a transaction in flight or rolled back, common
 * under load) is forgotten by the replay once the events around it are old, and the first event past it is then
 * taken for a new one although it was handled before the reset. A member whose first event that is would not be
 * rebuilt, and a drifted row would survive a replay that reports itself done.
 */
final class Replays {

    private Replays() {}

    static boolean isReplay(EventMessage<?> event) {
        if (!(event instanceof TrackedEventMessage<?> tracked)
                || !(tracked.trackingToken() instanceof ReplayToken replay)) {
            return false;
        }
        OptionalLong at = replay.getTokenAtReset().position();
        OptionalLong position = position(replay.getCurrentToken());
        if (at.isEmpty() || position.isEmpty()) {
            return ReplayToken.isReplay(event);
        }
        return position.getAsLong() <= at.getAsLong();
    }

    private static OptionalLong position(TrackingToken token) {
        TrackingToken plain = WrappedToken.unwrapLowerBound(token);
        return plain == null ? OptionalLong.empty() : plain.position();
    }
}
