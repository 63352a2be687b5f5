package org.memberhub.kernel.member;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of the member list; every present filter must hold. {@code text} matches name, mobile or e-mail;
 * {@code joinedFrom} is inclusive and {@code joinedBefore} exclusive. Deleted members are never listed.
 */
public record MemberCriteria(
        String text,
        Set<MemberStatus> statuses,
        Set<Integer> levels,
        String tag,
        Instant joinedFrom,
        Instant joinedBefore) {

    public MemberCriteria {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        levels = levels == null ? Set.of() : Set.copyOf(levels);
    }

    public static MemberCriteria none() {
        return new MemberCriteria(null, Set.of(), Set.of(), null, null, null);
    }
}
