package org.memberhub.query.support;

import org.axonframework.messaging.MetaData;
import org.memberhub.kernel.audit.AuditMetadata;

/** Who caused an event, through which channel, as part of which request; read from the event's metadata. */
public record Origin(String actor, String channel, String correlationId) {

    public static Origin of(MetaData metaData) {
        Object actorName = metaData.get(AuditMetadata.ACTOR_NAME);
        Object actorId = metaData.get(AuditMetadata.ACTOR_ID);
        Object actor = actorName != null ? actorName : actorId;
        return new Origin(
                actor == null ? null : actor.toString(),
                text(metaData.get(AuditMetadata.SOURCE)),
                text(metaData.get(AuditMetadata.CORRELATION_ID)));
    }

    /**
     * The origin of something that happened because its time came (a release, an expiry): nobody acted, whichever
     * command happened to apply it.
     */
    public static Origin timeDriven(MetaData metaData) {
        return new Origin(null, AuditMetadata.SOURCE_SCHEDULER, text(metaData.get(AuditMetadata.CORRELATION_ID)));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
