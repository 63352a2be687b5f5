package org.memberhub.command.member;

import java.time.Instant;
import java.util.List;
import org.memberhub.kernel.member.MemberId;

/**
 * When each member next has something falling due (a pending lot to release, a lot to expire, a manual level to end).
 * Owned by the command side and written in the transaction that appends the member's events, so it always agrees
 * with them; a sweep reads it to find the members to wake.
 */
public interface DueSchedule {

    /** Records the member's next due instant, or forgets the member when {@code dueAt} is null. */
    void set(MemberId member, Instant dueAt);

    /** Members with something due at {@code now}, the longest overdue first. */
    List<MemberId> due(Instant now, int limit);
}
