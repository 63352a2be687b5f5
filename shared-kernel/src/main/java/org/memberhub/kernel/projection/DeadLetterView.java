package org.memberhub.kernel.projection;

import java.time.Instant;

/**
 * An event parked in a processing group's dead-letter queue.
 *
 * @param id the dead letter's id
 * @param memberId the member whose events are parked behind it (the queue's sequence)
 * @param positionInSequence its place among that member's parked events, from 0
 * @param eventId the event's identifier
 * @param eventType the event's type
 * @param sequenceNumber the event's sequence number in the member's history
 * @param enqueuedAt when it was parked
 * @param lastTouched when it was last tried
 * @param causeType the type of the failure
 * @param causeMessage the failure, free of the data that caused it
 */
public record DeadLetterView(
        String id,
        String memberId,
        long positionInSequence,
        String eventId,
        String eventType,
        Long sequenceNumber,
        Instant enqueuedAt,
        Instant lastTouched,
        String causeType,
        String causeMessage) {}
