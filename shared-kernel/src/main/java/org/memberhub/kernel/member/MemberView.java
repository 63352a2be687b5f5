package org.memberhub.kernel.member;

import java.time.Instant;

/**
 * A member as one decision of the aggregate left it, or as the read model shows it. {@code version} is the sequence
 * number of the member's last event.
 */
public record MemberView(
        MemberId id,
        MemberProfile profile,
        MemberStatus status,
        int level,
        Instant joinedAt,
        Instant updatedAt,
        long version) {}
