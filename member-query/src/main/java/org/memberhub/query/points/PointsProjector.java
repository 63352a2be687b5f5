package org.memberhub.query.points;

import static org.memberhub.query.jooq.Tables.POINTS_BALANCES;
import static org.memberhub.query.jooq.Tables.POINTS_LEDGER;
import static org.memberhub.query.jooq.Tables.POINTS_LOTS;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PointsView;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.jooq.tables.records.PointsLotsRecord;
import org.memberhub.query.projection.MemberReadModel;
import org.memberhub.query.projection.ProjectionBatches;
import org.memberhub.query.support.Origin;
import org.springframework.stereotype.Component;

/**
 * Projects balances, the ledger and the lots. The events of a processor batch are applied in memory to a {@link
 * PointsBatch} and written together at the end of the batch; each event first moves the member's balance row, guarded
 * by its version, so replaying an event changes nothing.
 */
@Component
@ProcessingGroup(PointsProjector.PROCESSING_GROUP)
class PointsProjector implements MemberReadModel {

    static final String PROCESSING_GROUP = "points";

    private final DSLContext dsl;
    private final ViewChanges changes;
    private final MemberViewCache<PointsView> views;

    PointsProjector(DSLContext dsl, ViewChanges changes, MemberViewCache<PointsView> views) {
        this.dsl = dsl;
        this.changes = changes;
        this.views = views;
    }

    /** A replay starts: this instance's cached views go (each member's are invalidated again as it is rebuilt). */
    @ResetHandler
    void reset() {
        views.clear();
    }

    @Override
    public void forget(Collection<MemberId> members) {
        List<UUID> ids = members.stream().map(MemberId::value).toList();
        changes.changed(views, ids);
        dsl.deleteFrom(POINTS_LEDGER).where(POINTS_LEDGER.MEMBER_ID.in(ids)).execute();
        dsl.deleteFrom(POINTS_LOTS).where(POINTS_LOTS.MEMBER_ID.in(ids)).execute();
        dsl.deleteFrom(POINTS_BALANCES).where(POINTS_BALANCES.MEMBER_ID.in(ids)).execute();
    }

    @EventHandler
    void on(MemberRegisteredEvent event, @SequenceNumber long version) {
        batch(batch -> batch.registered(event.memberId(), version));
    }

    @EventHandler
    void on(PointsEarnedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> {
            if (!batch.moveBalance(event, version)) {
                return;
            }
            batch.newLot(
                    event.memberId(),
                    event.lotNo(),
                    event.source().name(),
                    event.reference(),
                    event.points(),
                    event.points() - event.debtSettled(),
                    event.pending(),
                    timestamp,
                    event.releaseAt(),
                    event.expiresAt());
            batch.ledger(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "EARNED",
                    event.source().name(),
                    event.reference(),
                    event.lotNo(),
                    null);
        });
    }

    @EventHandler
    void on(PointsReleasedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> {
            if (!batch.moveBalance(event, version)) {
                return;
            }
            batch.released(event.memberId(), event.lotNo(), event.debtSettled());
            PointsLotsRecord lot = batch.lot(event.memberId(), event.lotNo());
            batch.ledger(
                    event,
                    version,
                    timestamp,
                    Origin.timeDriven(metaData),
                    "RELEASED",
                    lot.getSource(),
                    lot.getReference(),
                    event.lotNo(),
                    null);
        });
    }

    @EventHandler
    void on(PointsSpentEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> {
            if (!batch.moveBalance(event, version)) {
                return;
            }
            batch.consume(event.memberId(), event.consumed());
            batch.ledger(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "SPENT",
                    event.purpose().name(),
                    event.reference(),
                    null,
                    null);
        });
    }

    @EventHandler
    void on(PointsReversedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> {
            if (!batch.moveBalance(event, version)) {
                return;
            }
            batch.consume(event.memberId(), event.consumed());
            batch.ledger(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "REVERSED",
                    "REFUND",
                    event.refundId(),
                    null,
                    "refund of order " + event.orderId());
        });
    }

    /** Spent points given back by a refund or a cancelled deduction: new lots, and one ledger entry. */
    @EventHandler
    void on(
            SpentPointsReturnedEvent event,
            @Timestamp Instant timestamp,
            @SequenceNumber long version,
            MetaData metaData) {
        batch(batch -> {
            if (!batch.moveBalance(event, version)) {
                return;
            }
            PointsSource source = event.cancelled() ? PointsSource.CANCEL : PointsSource.REFUND;
            String reference = event.cancelled() ? event.orderId() : event.refundId();
            for (ReturnedLot lot : event.lots()) {
                batch.newLot(
                        event.memberId(),
                        lot.lotNo(),
                        source.name(),
                        reference,
                        lot.points(),
                        lot.points() - lot.debtSettled(),
                        false,
                        timestamp,
                        null,
                        lot.expiresAt());
            }
            String reason = (event.cancelled() ? "deduction cancelled for order " : "refund of order ")
                    + event.orderId()
                    + (event.expired() > 0 ? "; " + event.expired() + " points came back expired" : "");
            batch.ledger(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "RETURNED",
                    source.name(),
                    reference,
                    event.lots().size() == 1 ? event.lots().get(0).lotNo() : null,
                    reason);
        });
    }

    @EventHandler
    void on(PointsExpiredEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> {
            if (!batch.moveBalance(event, version)) {
                return;
            }
            batch.expired(event.memberId(), event.lotNo());
            PointsLotsRecord lot = batch.lot(event.memberId(), event.lotNo());
            batch.ledger(
                    event,
                    version,
                    timestamp,
                    Origin.timeDriven(metaData),
                    "EXPIRED",
                    lot.getSource(),
                    lot.getReference(),
                    event.lotNo(),
                    null);
        });
    }

    @EventHandler
    void on(PointsAdjustedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> {
            if (!batch.moveBalance(event, version)) {
                return;
            }
            if (event.delta() > 0) {
                batch.newLot(
                        event.memberId(),
                        event.lotNo(),
                        PointsSource.ADJUSTMENT.name(),
                        event.adjustmentId(),
                        event.delta(),
                        event.delta() - event.debtSettled(),
                        false,
                        timestamp,
                        null,
                        event.expiresAt());
            } else {
                batch.consume(event.memberId(), event.consumed());
            }
            batch.ledger(
                    event,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "ADJUSTED",
                    PointsSource.ADJUSTMENT.name(),
                    event.adjustmentId(),
                    event.lotNo(),
                    event.reason());
        });
    }

    /** Any other event of the member still moves the row's version, which consistency tokens rely on. */
    @EventHandler
    void on(MemberEvent event, @SequenceNumber long version) {
        batch(batch -> batch.seen(event.memberId(), version));
    }

    private void batch(Consumer<PointsBatch> change) {
        ProjectionBatches.apply(this, events -> new PointsBatch(dsl, events, changes, views), change);
    }
}
