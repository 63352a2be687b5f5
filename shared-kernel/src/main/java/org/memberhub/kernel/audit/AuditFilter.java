package org.memberhub.kernel.audit;

import java.time.Instant;
import org.memberhub.kernel.member.MemberId;

/**
 * Filters of the global audit log; each present filter must hold. {@code from} is inclusive, {@code to} exclusive;
 * {@code eventType} is a type name such as {@code PointsAdjusted}; {@code actor} a user name.
 */
public record AuditFilter(Instant from, Instant to, String eventType, String actor, MemberId memberId) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null);
    }
}
