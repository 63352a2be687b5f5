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
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.query.jooq.tables.records.AuditLogRecord;
import org.memberhub.query.projection.BatchRows;
import org.memberhub.query.projection.ProjectionBatch;
import org.memberhub.query.projection.ProjectionBatches;
import org.springframework.stereotype.Component;

/**
 * Projects the global audit log: one row per event, keyed by the event's identifier, a processor batch's rows written
 * with one statement. A replay writes each row afresh in place, so rows are never missing while it runs and a
 * corrected projection reaches every row.
 */
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
        AuditLogRecord row = dsl.newRecord(AUDIT_LOG);
        row.setEventId(message.getIdentifier());
        row.setGlobalIndex(token.position().orElseThrow());
        row.setOccurredAt(timestamp.atOffset(ZoneOffset.UTC));
        row.setMemberId(event.memberId().value());
        row.setSequenceNumber(sequence);
        row.setEventType(EventTypes.nameOf(event.getClass()));
        row.setActorId(text(metaData, AuditMetadata.ACTOR_ID));
        row.setActorName(text(metaData, AuditMetadata.ACTOR_NAME));
        row.setActorRoles(text(metaData, AuditMetadata.ACTOR_ROLES));
        row.setSource(text(metaData, AuditMetadata.SOURCE));
        row.setReason(reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON));
        row.setCorrelationId(text(metaData, AuditMetadata.CORRELATION_ID));
        ProjectionBatches.apply(this, events -> new AuditBatch(dsl), batch -> batch.rows.put(row));
    }

    /** The audit rows of one batch, written afresh with one upsert: a replay rewrites each row in place. */
    private static final class AuditBatch implements ProjectionBatch {

        private final BatchRows<String, AuditLogRecord> rows;

        AuditBatch(DSLContext dsl) {
            this.rows = new BatchRows<>(dsl, AUDIT_LOG, AuditLogRecord::getEventId, AUDIT_LOG.EVENT_ID::in, null);
        }

        @Override
        public void flush() {
            rows.flush();
        }
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
