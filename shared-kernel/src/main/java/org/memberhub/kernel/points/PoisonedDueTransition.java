package org.memberhub.kernel.points;

import java.time.Instant;
import org.memberhub.kernel.member.MemberId;

/**
 * A member whose due transitions the sweep failed to apply too many times, and which it therefore skips until retried.
 *
 * @param dueAt when its first transition fell due
 * @param attempts failed wake-ups
 * @param poisonedAt when the sweep gave up
 * @param lastFailure what failed last: an error code or an exception's class, never its message
 */
public record PoisonedDueTransition(
        MemberId memberId, Instant dueAt, int attempts, Instant poisonedAt, String lastFailure) {}
