package org.memberhub.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ReplaysTest {

    @Test
    void anEventPastAGapOpenAtTheResetIsStillAReplay() {
        // reset at 10 while 5 was a gap; the replay reads 6 with the gap at 5 already forgotten (an old gap)
        TrackingToken atReset = GapAwareTrackingToken.newInstance(10, List.of(5L));
        TrackingToken replay = ReplayToken.createReplayToken(atReset, GapAwareTrackingToken.newInstance(4, List.of()));
        TrackingToken advanced = ((ReplayToken) replay).advancedTo(GapAwareTrackingToken.newInstance(6, List.of()));

        TrackedEventMessage<?> sixth = event(advanced, 6);

        assertThat(ReplayToken.isReplay(sixth)).as("what Axon decides").isFalse();
        assertThat(Replays.isReplay(sixth)).isTrue();
    }

    @Test
    void eventsBeyondTheResetPositionAreNotReplays() {
        TrackingToken atReset = GapAwareTrackingToken.newInstance(10, List.of());
        ReplayToken replay =
                (ReplayToken) ReplayToken.createReplayToken(atReset, GapAwareTrackingToken.newInstance(9, List.of()));
        TrackingToken tenth = replay.advancedTo(GapAwareTrackingToken.newInstance(10, List.of()));
        TrackingToken eleventh = replay.advancedTo(GapAwareTrackingToken.newInstance(11, List.of()));

        assertThat(Replays.isReplay(event(tenth, 10))).isTrue();
        assertThat(Replays.isReplay(event(eleventh, 11))).isFalse();
        assertThat(Replays.isReplay(event(GapAwareTrackingToken.newInstance(3, List.of()), 3)))
                .isFalse();
    }

    private static TrackedEventMessage<?> event(TrackingToken token, long sequence) {
        return new GenericTrackedDomainEventMessage<>(
                token, new GenericDomainEventMessage<>("Member", "m-" + sequence, 0, "payload " + sequence));
    }
}
