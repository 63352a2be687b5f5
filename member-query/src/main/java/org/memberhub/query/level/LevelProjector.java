package org.memberhub.query.level;

import static org.memberhub.query.jooq.Tables.LEVEL_HISTORY;
import static org.memberhub.query.jooq.Tables.MEMBER_LEVELS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.query.projection.MemberReadModel;
import org.memberhub.query.support.Origin;
import org.springframework.stereotype.Component;

/**
 * Projects each member's level, net qualifying spend and manual level, and the history of level changes. Writes are
 * guarded by the row's version, so replaying an event changes nothing.
 */
@Component
@ProcessingGroup(LevelProjector.PROCESSING_GROUP)
class LevelProjector implements MemberReadModel {

    static final String PROCESSING_GROUP = "levels";

    private final DSLContext dsl;

    LevelProjector(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void forget(MemberId member) {
        dsl.deleteFrom(LEVEL_HISTORY)
                .where(LEVEL_HISTORY.MEMBER_ID.eq(member.value()))
                .execute();
        dsl.deleteFrom(MEMBER_LEVELS)
                .where(MEMBER_LEVELS.MEMBER_ID.eq(member.value()))
                .execute();
    }

    @EventHandler
    void on(MemberRegisteredEvent event, @SequenceNumber long version) {
        dsl.insertInto(MEMBER_LEVELS)
                .set(MEMBER_LEVELS.MEMBER_ID, event.memberId().value())
                .set(MEMBER_LEVELS.CURRENT_LEVEL, (short) event.level())
                .set(MEMBER_LEVELS.NET_SPEND_FEN, 0L)
                .set(MEMBER_LEVELS.VERSION, version)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(PurchaseRecordedEvent event, @SequenceNumber long version) {
        netSpend(event, event.netSpendAfter(), version);
    }

    @EventHandler
    void on(PurchaseRefundedEvent event, @SequenceNumber long version) {
        netSpend(event, event.netSpendAfter(), version);
    }

    @EventHandler
    void on(LevelUpgradedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        if (move(event, event.toLevel(), version)) {
            history(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "UPGRADED",
                    event.fromLevel(),
                    event.toLevel(),
                    event.cause());
        }
    }

    @EventHandler
    void on(LevelDowngradedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        if (move(event, event.toLevel(), version)) {
            history(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "DOWNGRADED",
                    event.fromLevel(),
                    event.toLevel(),
                    event.cause());
        }
    }

    @EventHandler
    void on(LevelAdjustedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        int updated = dsl.update(MEMBER_LEVELS)
                .set(MEMBER_LEVELS.CURRENT_LEVEL, (short) event.toLevel())
                .set(MEMBER_LEVELS.MANUAL_LEVEL, (short) event.manualLevel())
                .set(MEMBER_LEVELS.MANUAL_MODE, event.mode().name())
                .set(MEMBER_LEVELS.MANUAL_UNTIL, utc(event.until()))
                .set(MEMBER_LEVELS.MANUAL_REASON, event.reason())
                .set(MEMBER_LEVELS.VERSION, version)
                .where(MEMBER_LEVELS.MEMBER_ID.eq(event.memberId().value()))
                .and(MEMBER_LEVELS.VERSION.lt(version))
                .execute();
        if (updated > 0) {
            history(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "ADJUSTED",
                    event.fromLevel(),
                    event.toLevel(),
                    event.reason());
        }
    }

    @EventHandler
    void on(
            LevelAdjustmentEndedEvent event,
            @Timestamp Instant timestamp,
            @SequenceNumber long version,
            MetaData metaData) {
        int updated = dsl.update(MEMBER_LEVELS)
                .set(MEMBER_LEVELS.CURRENT_LEVEL, (short) event.toLevel())
                .setNull(MEMBER_LEVELS.MANUAL_LEVEL)
                .setNull(MEMBER_LEVELS.MANUAL_MODE)
                .setNull(MEMBER_LEVELS.MANUAL_UNTIL)
                .setNull(MEMBER_LEVELS.MANUAL_REASON)
                .set(MEMBER_LEVELS.VERSION, version)
                .where(MEMBER_LEVELS.MEMBER_ID.eq(event.memberId().value()))
                .and(MEMBER_LEVELS.VERSION.lt(version))
                .execute();
        if (updated > 0) {
            String reason = event.reason() != null
                    ? event.reason()
                    : "manual level " + event.cause().name().toLowerCase();
            Origin origin = event.cause() == AdjustmentEnd.EXPIRED ? Origin.timeDriven(metaData) : Origin.of(metaData);
            history(event, version, timestamp, origin, "ADJUSTMENT_ENDED", event.fromLevel(), event.toLevel(), reason);
        }
    }

    /** Any other event of the member still moves the row's version, which consistency tokens rely on. */
    @EventHandler
    void on(MemberEvent event, @SequenceNumber long version) {
        dsl.update(MEMBER_LEVELS)
                .set(MEMBER_LEVELS.VERSION, version)
                .where(MEMBER_LEVELS.MEMBER_ID.eq(event.memberId().value()))
                .and(MEMBER_LEVELS.VERSION.lt(version))
                .execute();
    }

    private void netSpend(MemberEvent event, Money netSpend, long version) {
        dsl.update(MEMBER_LEVELS)
                .set(MEMBER_LEVELS.NET_SPEND_FEN, netSpend.fen())
                .set(MEMBER_LEVELS.VERSION, version)
                .where(MEMBER_LEVELS.MEMBER_ID.eq(event.memberId().value()))
                .and(MEMBER_LEVELS.VERSION.lt(version))
                .execute();
    }

    private boolean move(MemberEvent event, int level, long version) {
        return dsl.update(MEMBER_LEVELS)
                        .set(MEMBER_LEVELS.CURRENT_LEVEL, (short) level)
                        .set(MEMBER_LEVELS.VERSION, version)
                        .where(MEMBER_LEVELS.MEMBER_ID.eq(event.memberId().value()))
                        .and(MEMBER_LEVELS.VERSION.lt(version))
                        .execute()
                > 0;
    }

    private void history(
            MemberEvent event,
            long version,
            Instant timestamp,
            Origin origin,
            String kind,
            int from,
            int to,
            String reason) {
        Long netSpend = dsl.select(MEMBER_LEVELS.NET_SPEND_FEN)
                .from(MEMBER_LEVELS)
                .where(MEMBER_LEVELS.MEMBER_ID.eq(event.memberId().value()))
                .fetchOne(MEMBER_LEVELS.NET_SPEND_FEN);
        dsl.insertInto(LEVEL_HISTORY)
                .set(LEVEL_HISTORY.MEMBER_ID, event.memberId().value())
                .set(LEVEL_HISTORY.SEQUENCE_NUMBER, version)
                .set(LEVEL_HISTORY.OCCURRED_AT, utc(timestamp))
                .set(LEVEL_HISTORY.KIND, kind)
                .set(LEVEL_HISTORY.FROM_LEVEL, (short) from)
                .set(LEVEL_HISTORY.TO_LEVEL, (short) to)
                .set(LEVEL_HISTORY.NET_SPEND_FEN, netSpend == null ? 0L : netSpend)
                .set(LEVEL_HISTORY.REASON, reason)
                .set(LEVEL_HISTORY.ACTOR, origin.actor())
                .onConflictDoNothing()
                .execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
