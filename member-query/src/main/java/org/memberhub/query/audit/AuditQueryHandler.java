package org.memberhub.query.audit;

import static org.memberhub.query.jooq.Tables.AUDIT_LOG;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.memberhub.kernel.audit.AuditEntry;
import org.memberhub.kernel.audit.AuditFilter;
import org.memberhub.kernel.audit.AuditLogChunk;
import org.memberhub.kernel.audit.AuditLogPage;
import org.memberhub.kernel.audit.AuditMetadata;
import org.memberhub.kernel.audit.FindAuditLogChunkQuery;
import org.memberhub.kernel.audit.FindAuditLogQuery;
import org.memberhub.kernel.audit.FindMemberHistoryQuery;
import org.memberhub.kernel.audit.FindMemberStateQuery;
import org.memberhub.kernel.audit.HistoryEntry;
import org.memberhub.kernel.audit.MemberHistoryPage;
import org.memberhub.kernel.audit.MemberState;
import org.memberhub.kernel.audit.OpenLot;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.member.MemberId;
import org.springframework.stereotype.Component;

/**
 * Answers auditors: a member's history and its state as of any instant straight from the event store, and the
 * global audit log from its projection.
 */
@Component
class AuditQueryHandler {

    private final EventStorageEngine events;
    private final DSLContext dsl;

    AuditQueryHandler(EventStorageEngine events, DSLContext dsl) {
        this.events = events;
        this.dsl = dsl;
    }

    @QueryHandler
    MemberHistoryPage handle(FindMemberHistoryQuery query) {
        String member = query.memberId().toString();
        long total = events.lastSequenceNumberFor(member).map(last -> last + 1).orElse(0L);
        List<HistoryEntry> items = new ArrayList<>();
        long first = (long) query.page() * query.size();
        if (first < total) {
            DomainEventStream stream = events.readEvents(member, first);
            while (stream.hasNext() && items.size() < query.size()) {
                items.add(entry(stream.next()));
            }
        }
        return new MemberHistoryPage(items, query.page(), query.size(), total);
    }

    @QueryHandler
    Optional<MemberState> handle(FindMemberStateQuery query) {
        DomainEventStream stream = events.readEvents(query.memberId().toString(), 0);
        MemberFold fold = new MemberFold();
        long version = -1;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(query.asOf())) {
                break;
            }
            version = event.getSequenceNumber();
            fold.apply(event.getPayload(), event.getTimestamp());
        }
        return version < 0
                ? Optional.empty()
                : Optional.of(new MemberState(
                        query.memberId(),
                        query.asOf(),
                        version,
                        fold.joinedAt(),
                        fold.profile(),
                        fold.status(),
                        fold.levelStatus(),
                        fold.balance(),
                        fold.lots().inSpendingOrder().stream()
                                .map(lot -> new OpenLot(
                                        lot.lotNo(),
                                        lot.source(),
                                        lot.reference(),
                                        lot.points(),
                                        lot.remaining(),
                                        lot.pending(),
                                        lot.releaseAt(),
                                        lot.expiresAt()))
                                .toList()));
    }

    /**
     * A page by number ({@code OFFSET}), or, with {@code before}, the entries older than that one (keyset: a range
     * scan of the global index's index, however deep). Entries are ordered by global index, unique and never reused,
     * so a walk by cursor meets every entry that existed when it began exactly once.
     */
    @QueryHandler
    AuditLogPage handle(FindAuditLogQuery query) {
        Condition condition = conditionFor(query.filter());
        long total = dsl.fetchCount(AUDIT_LOG, condition);
        List<AuditEntry> items = query.before() != null
                ? dsl.selectFrom(AUDIT_LOG)
                        .where(condition)
                        .and(AUDIT_LOG.GLOBAL_INDEX.lt(query.before()))
                        .orderBy(AUDIT_LOG.GLOBAL_INDEX.desc())
                        .limit(query.size())
                        .fetch(AuditQueryHandler::toEntry)
                : dsl.selectFrom(AUDIT_LOG)
                        .where(condition)
                        .orderBy(AUDIT_LOG.GLOBAL_INDEX.desc())
                        .limit(query.size())
                        .offset((long) query.page() * query.size())
                        .fetch(AuditQueryHandler::toEntry);
        boolean more = items.size() == query.size()
                && (query.before() != null || (long) query.page() * query.size() + query.size() < total);
        Long next = more ? items.get(items.size() - 1).globalIndex() : null;
        return new AuditLogPage(items, query.page(), query.size(), total, next);
    }

    @QueryHandler
    AuditLogChunk handle(FindAuditLogChunkQuery query) {
        return new AuditLogChunk(dsl.selectFrom(AUDIT_LOG)
                .where(conditionFor(query.filter()))
                .and(AUDIT_LOG.GLOBAL_INDEX.gt(query.afterGlobalIndex()))
                .orderBy(AUDIT_LOG.GLOBAL_INDEX)
                .limit(query.limit())
                .fetch(AuditQueryHandler::toEntry));
    }

    private static Condition conditionFor(AuditFilter filter) {
        Condition condition = DSL.noCondition();
        if (filter.from() != null) {
            condition = condition.and(AUDIT_LOG.OCCURRED_AT.ge(filter.from().atOffset(ZoneOffset.UTC)));
        }
        if (filter.to() != null) {
            condition = condition.and(AUDIT_LOG.OCCURRED_AT.lt(filter.to().atOffset(ZoneOffset.UTC)));
        }
        if (filter.eventType() != null) {
            condition = condition.and(AUDIT_LOG.EVENT_TYPE.eq(filter.eventType()));
        }
        if (filter.actor() != null) {
            condition = condition.and(AUDIT_LOG.ACTOR_NAME.eq(filter.actor()));
        }
        if (filter.memberId() != null) {
            condition = condition.and(AUDIT_LOG.MEMBER_ID.eq(filter.memberId().value()));
        }
        return condition;
    }

    private static AuditEntry toEntry(Record row) {
        return new AuditEntry(
                row.get(AUDIT_LOG.GLOBAL_INDEX),
                row.get(AUDIT_LOG.OCCURRED_AT).toInstant(),
                new MemberId(row.get(AUDIT_LOG.MEMBER_ID)),
                row.get(AUDIT_LOG.SEQUENCE_NUMBER),
                row.get(AUDIT_LOG.EVENT_TYPE),
                row.get(AUDIT_LOG.ACTOR_ID),
                row.get(AUDIT_LOG.ACTOR_NAME),
                row.get(AUDIT_LOG.ACTOR_ROLES),
                row.get(AUDIT_LOG.SOURCE),
                row.get(AUDIT_LOG.REASON),
                row.get(AUDIT_LOG.CORRELATION_ID));
    }

    private static HistoryEntry entry(DomainEventMessage<?> event) {
        MetaData metaData = event.getMetaData();
        Object payload = event.getPayload();
        return new HistoryEntry(
                event.getSequenceNumber(),
                EventTypes.nameOf(event.getPayloadType()),
                event.getTimestamp(),
                payload,
                text(metaData, AuditMetadata.ACTOR_ID),
                text(metaData, AuditMetadata.ACTOR_NAME),
                text(metaData, AuditMetadata.ACTOR_ROLES),
                text(metaData, AuditMetadata.SOURCE),
                EventTypes.reasonOf(payload),
                text(metaData, AuditMetadata.CORRELATION_ID));
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
