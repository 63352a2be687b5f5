package org.memberhub.query.points;

import static org.memberhub.query.jooq.Tables.POINTS_BALANCES;
import static org.memberhub.query.jooq.Tables.POINTS_LEDGER;
import static org.memberhub.query.jooq.Tables.POINTS_LOTS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.LedgerChange;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.query.projection.MemberReadModel;
import org.memberhub.query.support.Origin;
import org.springframework.stereotype.Component;

/**
 * Projects balances, the ledger and the lots. Each event first moves the member's balance row, guarded by its version;
 * only when that row moved are the ledger entry and the lot changes written, so replaying an event changes nothing.
 */
@Component
@ProcessingGroup(PointsProjector.PROCESSING_GROUP)
class PointsProjector implements MemberReadModel {

    static final String PROCESSING_GROUP = "points";

    private final DSLContext dsl;

    PointsProjector(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void forget(MemberId member) {
        dsl.deleteFrom(POINTS_LEDGER)
                .where(POINTS_LEDGER.MEMBER_ID.eq(member.value()))
                .execute();
        dsl.deleteFrom(POINTS_LOTS)
                .where(POINTS_LOTS.MEMBER_ID.eq(member.value()))
                .execute();
        dsl.deleteFrom(POINTS_BALANCES)
                .where(POINTS_BALANCES.MEMBER_ID.eq(member.value()))
                .execute();
    }

    @EventHandler
    void on(MemberRegisteredEvent event, @SequenceNumber long version) {
        dsl.insertInto(POINTS_BALANCES)
                .set(POINTS_BALANCES.MEMBER_ID, event.memberId().value())
                .set(POINTS_BALANCES.AVAILABLE, 0L)
                .set(POINTS_BALANCES.PENDING, 0L)
                .set(POINTS_BALANCES.DEBT, 0L)
                .set(POINTS_BALANCES.LIFETIME_EARNED, 0L)
                .set(POINTS_BALANCES.LIFETIME_SPENT, 0L)
                .set(POINTS_BALANCES.LIFETIME_EXPIRED, 0L)
                .set(POINTS_BALANCES.LIFETIME_REVERSED, 0L)
                .set(POINTS_BALANCES.LIFETIME_ADJUSTED, 0L)
                .set(POINTS_BALANCES.VERSION, version)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(PointsEarnedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        Totals totals = new Totals().debt(-event.debtSettled()).earned(event.points());
        if (!moveBalance(event, version, totals)) {
            return;
        }
        dsl.insertInto(POINTS_LOTS)
                .set(POINTS_LOTS.MEMBER_ID, event.memberId().value())
                .set(POINTS_LOTS.LOT_NO, event.lotNo())
                .set(POINTS_LOTS.SOURCE, event.source().name())
                .set(POINTS_LOTS.REFERENCE, event.reference())
                .set(POINTS_LOTS.POINTS, event.points())
                .set(POINTS_LOTS.REMAINING, event.points() - event.debtSettled())
                .set(POINTS_LOTS.PENDING, event.pending())
                .set(POINTS_LOTS.EARNED_AT, utc(timestamp))
                .set(POINTS_LOTS.RELEASE_AT, utc(event.releaseAt()))
                .set(POINTS_LOTS.EXPIRES_AT, utc(event.expiresAt()))
                .onConflictDoNothing()
                .execute();
        ledger(
                event,
                version,
                timestamp,
                Origin.of(metaData),
                "EARNED",
                event.source().name(),
                event.reference(),
                event.lotNo(),
                null);
    }

    @EventHandler
    void on(PointsReleasedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        if (!moveBalance(event, version, new Totals().debt(-event.debtSettled()))) {
            return;
        }
        dsl.update(POINTS_LOTS)
                .set(POINTS_LOTS.PENDING, false)
                .set(POINTS_LOTS.REMAINING, POINTS_LOTS.REMAINING.minus(event.debtSettled()))
                .where(lot(event.memberId(), event.lotNo()))
                .execute();
        Record2<String, String> lot = lotOrigin(event.memberId(), event.lotNo());
        ledger(
                event,
                version,
                timestamp,
                Origin.timeDriven(metaData),
                "RELEASED",
                lot.value1(),
                lot.value2(),
                event.lotNo(),
                null);
    }

    @EventHandler
    void on(PointsSpentEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        if (!moveBalance(event, version, new Totals().spent(event.points()))) {
            return;
        }
        consume(event.memberId(), event.consumed());
        ledger(
                event,
                version,
                timestamp,
                Origin.of(metaData),
                "SPENT",
                event.purpose().name(),
                event.reference(),
                null,
                null);
    }

    @EventHandler
    void on(PointsReversedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        if (!moveBalance(event, version, new Totals().debt(event.debtIncurred()).reversed(event.points()))) {
            return;
        }
        consume(event.memberId(), event.consumed());
        ledger(
                event,
                version,
                timestamp,
                Origin.of(metaData),
                "REVERSED",
                "REFUND",
                event.refundId(),
                null,
                "refund of order " + event.orderId());
    }

    @EventHandler
    void on(PointsExpiredEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        if (!moveBalance(event, version, new Totals().expired(event.points()))) {
            return;
        }
        dsl.update(POINTS_LOTS)
                .set(POINTS_LOTS.REMAINING, 0L)
                .where(lot(event.memberId(), event.lotNo()))
                .execute();
        Record2<String, String> lot = lotOrigin(event.memberId(), event.lotNo());
        ledger(
                event,
                version,
                timestamp,
                Origin.timeDriven(metaData),
                "EXPIRED",
                lot.value1(),
                lot.value2(),
                event.lotNo(),
                null);
    }

    @EventHandler
    void on(PointsAdjustedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        Totals totals = new Totals().debt(-event.debtSettled()).adjusted(event.delta());
        if (!moveBalance(event, version, totals)) {
            return;
        }
        if (event.delta() > 0) {
            dsl.insertInto(POINTS_LOTS)
                    .set(POINTS_LOTS.MEMBER_ID, event.memberId().value())
                    .set(POINTS_LOTS.LOT_NO, event.lotNo())
                    .set(POINTS_LOTS.SOURCE, PointsSource.ADJUSTMENT.name())
                    .set(POINTS_LOTS.REFERENCE, event.adjustmentId())
                    .set(POINTS_LOTS.POINTS, event.delta())
                    .set(POINTS_LOTS.REMAINING, event.delta() - event.debtSettled())
                    .set(POINTS_LOTS.PENDING, false)
                    .set(POINTS_LOTS.EARNED_AT, utc(timestamp))
                    .set(POINTS_LOTS.EXPIRES_AT, utc(event.expiresAt()))
                    .onConflictDoNothing()
                    .execute();
        } else {
            consume(event.memberId(), event.consumed());
        }
        ledger(
                event,
                version,
                timestamp,
                Origin.of(metaData),
                "ADJUSTED",
                PointsSource.ADJUSTMENT.name(),
                event.adjustmentId(),
                event.lotNo(),
                event.reason());
    }

    /** Any other event of the member still moves the row's version, which consistency tokens rely on. */
    @EventHandler
    void on(MemberEvent event, @SequenceNumber long version) {
        dsl.update(POINTS_BALANCES)
                .set(POINTS_BALANCES.VERSION, version)
                .where(POINTS_BALANCES.MEMBER_ID.eq(event.memberId().value()))
                .and(POINTS_BALANCES.VERSION.lt(version))
                .execute();
    }

    /** Applies the event's balance changes and version; false when the row has already seen this event. */
    private boolean moveBalance(MemberEvent event, long version, Totals totals) {
        LedgerChange change = LedgerChange.of(event).orElseThrow();
        return dsl.update(POINTS_BALANCES)
                        .set(POINTS_BALANCES.AVAILABLE, POINTS_BALANCES.AVAILABLE.plus(change.available()))
                        .set(POINTS_BALANCES.PENDING, POINTS_BALANCES.PENDING.plus(change.pending()))
                        .set(POINTS_BALANCES.DEBT, POINTS_BALANCES.DEBT.plus(totals.debt))
                        .set(POINTS_BALANCES.LIFETIME_EARNED, POINTS_BALANCES.LIFETIME_EARNED.plus(totals.earned))
                        .set(POINTS_BALANCES.LIFETIME_SPENT, POINTS_BALANCES.LIFETIME_SPENT.plus(totals.spent))
                        .set(POINTS_BALANCES.LIFETIME_EXPIRED, POINTS_BALANCES.LIFETIME_EXPIRED.plus(totals.expired))
                        .set(POINTS_BALANCES.LIFETIME_REVERSED, POINTS_BALANCES.LIFETIME_REVERSED.plus(totals.reversed))
                        .set(POINTS_BALANCES.LIFETIME_ADJUSTED, POINTS_BALANCES.LIFETIME_ADJUSTED.plus(totals.adjusted))
                        .set(POINTS_BALANCES.VERSION, version)
                        .where(POINTS_BALANCES.MEMBER_ID.eq(event.memberId().value()))
                        .and(POINTS_BALANCES.VERSION.lt(version))
                        .execute()
                > 0;
    }

    private void consume(MemberId member, List<LotConsumption> consumed) {
        for (LotConsumption consumption : consumed) {
            dsl.update(POINTS_LOTS)
                    .set(POINTS_LOTS.REMAINING, POINTS_LOTS.REMAINING.minus(consumption.points()))
                    .where(lot(member, consumption.lotNo()))
                    .execute();
        }
    }

    private void ledger(
            MemberEvent event,
            long version,
            Instant timestamp,
            Origin origin,
            String type,
            String source,
            String reference,
            Integer lotNo,
            String reason) {
        LedgerChange change = LedgerChange.of(event).orElseThrow();
        dsl.insertInto(POINTS_LEDGER)
                .set(POINTS_LEDGER.MEMBER_ID, event.memberId().value())
                .set(POINTS_LEDGER.SEQUENCE_NUMBER, version)
                .set(POINTS_LEDGER.OCCURRED_AT, utc(timestamp))
                .set(POINTS_LEDGER.ENTRY_TYPE, type)
                .set(POINTS_LEDGER.SOURCE, source)
                .set(POINTS_LEDGER.REFERENCE, reference)
                .set(POINTS_LEDGER.AVAILABLE_CHANGE, change.available())
                .set(POINTS_LEDGER.PENDING_CHANGE, change.pending())
                .set(POINTS_LEDGER.LOT_NO, lotNo)
                .set(POINTS_LEDGER.REASON, reason)
                .set(POINTS_LEDGER.ACTOR, origin.actor())
                .set(POINTS_LEDGER.CHANNEL, origin.channel())
                .set(POINTS_LEDGER.CORRELATION_ID, origin.correlationId())
                .onConflictDoNothing()
                .execute();
    }

    private Record2<String, String> lotOrigin(MemberId member, int lotNo) {
        return dsl.select(POINTS_LOTS.SOURCE, POINTS_LOTS.REFERENCE)
                .from(POINTS_LOTS)
                .where(lot(member, lotNo))
                .fetchOne();
    }

    private static org.jooq.Condition lot(MemberId member, int lotNo) {
        UUID id = member.value();
        return POINTS_LOTS.MEMBER_ID.eq(id).and(POINTS_LOTS.LOT_NO.eq(lotNo));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** How an event moves the lifetime totals and the debt. */
    private static final class Totals {
        long debt;
        long earned;
        long spent;
        long expired;
        long reversed;
        long adjusted;

        Totals debt(long change) {
            debt = change;
            return this;
        }

        Totals earned(long points) {
            earned = points;
            return this;
        }

        Totals spent(long points) {
            spent = points;
            return this;
        }

        Totals expired(long points) {
            expired = points;
            return this;
        }

        Totals reversed(long points) {
            reversed = points;
            return this;
        }

        Totals adjusted(long delta) {
            adjusted = delta;
            return this;
        }
    }
}
