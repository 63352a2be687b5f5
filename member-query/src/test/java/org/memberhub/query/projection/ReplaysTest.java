package org.memberhub.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
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

    @Test
    void positionsAreComparedInTheOrderOfTheStreamNotByTheirGlobalIndex() {
        // a store that delivers events by writing transaction, then global index (as on PostgreSQL): the reset was
        // at the event of transaction 100 with index 338
        ReplayToken replay = (ReplayToken) ReplayToken.createReplayToken(new StreamOrderToken(100, 338), null);
        // an older transaction that inserted later: delivered, and handled, before the reset
        TrackingToken olderTransaction = replay.advancedTo(new StreamOrderToken(90, 340));
        // a newer transaction that inserted earlier: delivered after the reset
        TrackingToken newerTransaction = replay.advancedTo(new StreamOrderToken(101, 300));

        assertThat(Replays.isReplay(event(olderTransaction, 0))).isTrue();
        assertThat(Replays.isReplay(event(newerTransaction, 0))).isFalse();
        assertThat(Replays.isReplay(event(replay.advancedTo(new StreamOrderToken(100, 338)), 0)))
                .isTrue();
    }

    /** A position in a stream ordered by transaction, then global index, whose position() is the index. */
    private record StreamOrderToken(long transaction, long index) implements TrackingToken {

        private static final Comparator<StreamOrderToken> ORDER =
                Comparator.comparingLong(StreamOrderToken::transaction).thenComparingLong(StreamOrderToken::index);

        @Override
        public TrackingToken lowerBound(TrackingToken other) {
            return ORDER.compare(this, (StreamOrderToken) other) <= 0 ? this : other;
        }

        @Override
        public TrackingToken upperBound(TrackingToken other) {
            return ORDER.compare(this, (StreamOrderToken) other) >= 0 ? this : other;
        }

        @Override
        public boolean covers(TrackingToken other) {
            return other == null || ORDER.compare(this, (StreamOrderToken) other) >= 0;
        }

        @Override
        public OptionalLong position() {
            return OptionalLong.of(index);
        }
    }

    private static TrackedEventMessage<?> event(TrackingToken token, long sequence) {
        return new GenericTrackedDomainEventMessage<>(
                token, new GenericDomainEventMessage<>("Member", "m-" + sequence, 0, "payload " + sequence));
    }
}
