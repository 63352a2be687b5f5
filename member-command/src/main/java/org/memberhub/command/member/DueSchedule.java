package org.memberhub.command.member;

import java.time.Instant;
import java.util.List;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.PoisonedDueTransition;

/**
 * When each member next has something falling due (a pending lot to release, a lot to expire, a manual level to end).
 * Owned by the command side and written in the transaction that appends the member's events, so it always agrees
 * with them; a sweep reads it to find the members to wake.
 *
 * <p>A wake-up that fails is tried again later (the sweep decides when), and after too many failures the member is
 * poisoned: skipped by the sweep until it is retried by hand or one of its commands succeeds. Failed and poisoned
 * members thus never hold back the members due after them.
 */
public interface DueSchedule {

    /**
     * Records the member's next due instant, or forgets the member when {@code dueAt} is null; either way, failures
     * recorded before are forgotten (the member has just handled a command).
     */
    void set(MemberId member, Instant dueAt);

    /** Members to wake at {@code now}, the longest waiting first; neither poisoned ones nor ones waiting to retry. */
    List<Due> due(Instant now, int limit);

    /**
     * Records a failed wake-up of a member read by {@link #due} as {@code due}: its attempts become {@code attempts},
     * and it is woken again at {@code retryAt}, or, when that is null, poisoned at {@code now}. Changes nothing when the
     * member's row changed since it was read (a command of the member succeeded meanwhile, say).
     */
    void failed(Due due, int attempts, Instant retryAt, String failure, Instant now);

    /** The poisoned members, the earliest poisoned first, at most {@code limit}. */
    List<PoisonedDueTransition> poisoned(int limit);

    /** How many members are poisoned. */
    long poisonedCount();

    /** Puts every poisoned member back in the schedule with no attempts counted; answers how many. */
    int retryPoisoned();

    /** A member to wake, with the failed attempts counted so far. */
    record Due(MemberId member, int attempts) {}
}
