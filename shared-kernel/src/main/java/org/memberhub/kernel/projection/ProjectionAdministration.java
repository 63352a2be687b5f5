package org.memberhub.kernel.projection;

import java.util.List;

/**
 * Administration of the processing groups (one event processor each, named after the group): their status, replays
 * and parked events. These act on the event processing infrastructure of the instance that is asked, coordinated with
 * the other instances through the database, not on members, so they are not messages on Axon's buses.
 */
public interface ProjectionAdministration {

    /** Every processing group, by name. */
    List<ProjectionStatus> statuses();

    /**
     * @throws org.memberhub.kernel.error.DomainException {@code PROJECTION_NOT_FOUND} for an unknown group
     */
    ProjectionStatus status(String group);

    /**
     * Asks every instance to replay the group; answers at once, with the status of the waiting replay.
     *
     * @throws org.memberhub.kernel.error.DomainException {@code PROJECTION_NOT_FOUND} for an unknown group,
     *     {@code REPLAY_IN_PROGRESS} while an earlier replay of it waits or runs
     */
    ProjectionStatus requestReplay(String group, String requestedBy);

    /** The group's parked events, each member's in order. */
    List<DeadLetterView> deadLetters(String group, int offset, int limit);

    /** Tries each member's parked events once more, in order. */
    RetryOutcome retryDeadLetters(String group);
}
