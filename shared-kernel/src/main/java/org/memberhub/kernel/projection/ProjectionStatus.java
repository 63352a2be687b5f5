package org.memberhub.kernel.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a processing group stands.
 *
 * @param name the processing group (one event processor)
 * @param state {@code RUNNING}, {@code REPLAY_PENDING} (waiting for every instance to stop the processor),
 *     {@code REPLAYING}, {@code ERROR} (this instance's processor fails and retries) or {@code STOPPED} (no instance
 *     processes it)
 * @param position the global index of the last event every segment has handled; null before the first
 * @param head the global index of the newest event in the store; null while it is empty
 * @param lagEvents events in the store that the group has not handled yet
 * @param lagTime how long the oldest of those has been waiting; zero when there are none
 * @param parkedEvents events in the dead-letter queue
 * @param parkedMembers members with events in the dead-letter queue
 * @param error what this instance's processor last failed on, when it is in error
 * @param replay the last replay asked for, if any
 * @param segments the group's segments, each with its position and the instance that holds it
 */
public record ProjectionStatus(
        String name,
        String state,
        Long position,
        Long head,
        long lagEvents,
        Duration lagTime,
        long parkedEvents,
        long parkedMembers,
        String error,
        Replay replay,
        List<Segment> segments) {

    /**
     * A segment of the group's event stream.
     *
     * @param segment the segment's id
     * @param position global index of the last event it handled; null before the first
     * @param owner the instance holding the segment's claim; null while none does
     * @param replaying whether it is replaying events it had handled before
     */
    public record Segment(int segment, Long position, String owner, boolean replaying) {}

    /**
     * A replay of the group.
     *
     * @param requestedAt when it was asked for
     * @param requestedBy who asked
     * @param startedAt when the tokens were reset; null while instances are still letting go of the group
     * @param startedBy the instance that reset them
     * @param resetPosition the global index the group had reached when reset, up to which events are replayed
     * @param progress share of the events up to {@code resetPosition} replayed so far, 0 to 1; 1 once done
     */
    public record Replay(
            Instant requestedAt,
            String requestedBy,
            Instant startedAt,
            String startedBy,
            Long resetPosition,
            double progress) {}
}
