package org.memberhub.query.audit;

import static org.memberhub.query.jooq.Tables.AUDIT_LOG;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.audit.EventTypes;
import org.memberhub.kernel.member.MemberEvent;
import org.springframework.stereotype.Component;

/** Projects the global audit log: one row per event, keyed by the event's identifier, so a replay adds nothing. */
@Component
@ProcessingGroup(AuditLogProjector.PROCESSING_GROUP)
class AuditLogProjector {

    static final String PROCESSING_GROUP = "audit";
    private static final int MAX_REASON = 500;

    private final DSLContext dsl;

    AuditLogProjector(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(
            MemberEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @SequenceNumber long sequence,
            @Timestamp Instant timestamp) {
        MetaData metaData = message.getMetaData();
        String reason = EventTypes.reasonOf(event);
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.EVENT_ID, message.getIdentifier())
                .set(AUDIT_LOG.GLOBAL_INDEX, token.position().orElseThrow())
                .set(AUDIT_LOG.OCCURRED_AT, timestamp.atOffset(ZoneOffset.UTC))
                .set(AUDIT_LOG.MEMBER_ID, event.memberId().value())
                .set(AUDIT_LOG.SEQUENCE_NUMBER, sequence)
                .set(AUDIT_LOG.EVENT_TYPE, EventTypes.nameOf(event.getClass()))
                .set(AUDIT_LOG.ACTOR_ID, text(metaData, AuditMetadata.ACTOR_ID))
                .set(AUDIT_LOG.ACTOR_NAME, text(metaData, AuditMetadata.ACTOR_NAME))
                .set(AUDIT_LOG.ACTOR_ROLES, text(metaData, AuditMetadata.ACTOR_ROLES))
                .set(AUDIT_LOG.SOURCE, text(metaData, AuditMetadata.SOURCE))
                .set(
                        AUDIT_LOG.REASON,
                        reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON))
                .set(AUDIT_LOG.CORRELATION_ID, text(metaData, AuditMetadata.CORRELATION_ID))
                .onConflictDoNothing()
                .execute();
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
