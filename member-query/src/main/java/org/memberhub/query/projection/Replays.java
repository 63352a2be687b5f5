package org.memberhub.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Whether an event reaches a projection again in a replay: whether its position in the stream is at or before the
 * position the processor was reset at.
 *
 * <p>Positions are compared in the order in which the event store delivers events, which is what a token's {@link
 * TrackingToken#covers} tells, except for one thing. Axon's own {@link
 * ReplayToken#isReplay(org.axonframework.messaging.Message)} compares gap-aware tokens including their gaps. A gap
 * that was still open when the tokens were reset (a transaction in flight or rolled back, common under load) is
 * forgotten by the replay once the events around it are old, and the first event past it is then taken for a new one
 * although it was handled before the reset. Gap-aware tokens are therefore compared by their index alone.
 *
 * <p>A token's {@link TrackingToken#position()} is no such order in general: the PostgreSQL store delivers events by
 * writing transaction, then global index, and reports the global index as the position, so an event of an older
 * transaction can have a higher index than the position at the reset. Taken for a new event, a member's first event
 * would not rebuild the member, and a drifted row would survive a replay that reports itself done.
 */
final class Replays {

    private Replays() {}

    static boolean isReplay(EventMessage<?> event) {
        if (!(event instanceof TrackedEventMessage<?> tracked)
                || !(tracked.trackingToken() instanceof ReplayToken replay)) {
            return false;
        }
        TrackingToken atReset = WrappedToken.unwrapUpperBound(replay.getTokenAtReset());
        TrackingToken current = WrappedToken.unwrapLowerBound(replay.getCurrentToken());
        if (atReset == null || current == null) {
            return ReplayToken.isReplay(event);
        }
        if (atReset instanceof GapAwareTrackingToken reset && current instanceof GapAwareTrackingToken position) {
            return position.getIndex() <= reset.getIndex();
        }
        return atReset.covers(current);
    }
}
