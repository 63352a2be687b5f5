package org.memberhub.kernel.audit;

import java.time.Instant;
import org.memberhub.kernel.member.MemberId;

/** One change in the global audit log: which event of which member, when, by whom, through which channel, why. */
public record AuditEntry(
        long globalIndex,
        Instant occurredAt,
        MemberId memberId,
        long sequence,
        String eventType,
        String actorId,
        String actorName,
        String actorRoles,
        String source,
        String reason,
        String correlationId) {}
