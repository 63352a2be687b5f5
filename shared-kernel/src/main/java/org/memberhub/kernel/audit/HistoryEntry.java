package org.memberhub.kernel.audit;

import java.time.Instant;

/**
 * One event of a member as the event store holds it: its type, payload and when, with who caused it (token subject,
 * user name, roles), through which channel ({@code source}), why ({@code reason}, when the event says) and as part
 * of which request ({@code correlationId}).
 */
public record HistoryEntry(
        long sequence,
        String type,
        Instant timestamp,
        Object payload,
        String actorId,
        String actorName,
        String actorRoles,
        String source,
        String reason,
        String correlationId) {}
