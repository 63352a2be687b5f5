package org.memberhub.query.level;

import static org.memberhub.query.jooq.Tables.LEVEL_HISTORY;
import static org.memberhub.query.jooq.Tables.MEMBER_LEVELS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.projection.MemberReadModel;
import org.memberhub.query.projection.ProjectionBatches;
import org.memberhub.query.support.Origin;
import org.springframework.stereotype.Component;

/**
 * Projects each member's level, net qualifying spend and manual level, and the history of level changes. A processor
 * batch's events are applied in memory to a {@link LevelBatch} and written together; every change is guarded by the
 * row's version, so replaying an event changes nothing.
 */
@Component
@ProcessingGroup(LevelProjector.PROCESSING_GROUP)
class LevelProjector implements MemberReadModel {

    static final String PROCESSING_GROUP = "levels";

    private final DSLContext dsl;
    private final ViewChanges changes;
    private final MemberViewCache<MemberLevelView> views;

    LevelProjector(DSLContext dsl, ViewChanges changes, MemberViewCache<MemberLevelView> views) {
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
        dsl.deleteFrom(LEVEL_HISTORY).where(LEVEL_HISTORY.MEMBER_ID.in(ids)).execute();
        dsl.deleteFrom(MEMBER_LEVELS).where(MEMBER_LEVELS.MEMBER_ID.in(ids)).execute();
    }

    @EventHandler
    void on(MemberRegisteredEvent event, @SequenceNumber long version) {
        batch(batch -> batch.registered(event.memberId(), event.level(), version));
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
        batch(batch -> batch.move(event.memberId(), version).ifPresent(row -> {
            row.setCurrentLevel((short) event.toLevel());
            batch.history(
                    row,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "UPGRADED",
                    event.fromLevel(),
                    event.toLevel(),
                    event.cause());
        }));
    }

    @EventHandler
    void on(LevelDowngradedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> batch.move(event.memberId(), version).ifPresent(row -> {
            row.setCurrentLevel((short) event.toLevel());
            batch.history(
                    row,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "DOWNGRADED",
                    event.fromLevel(),
                    event.toLevel(),
                    event.cause());
        }));
    }

    @EventHandler
    void on(LevelAdjustedEvent event, @Timestamp Instant timestamp, @SequenceNumber long version, MetaData metaData) {
        batch(batch -> batch.move(event.memberId(), version).ifPresent(row -> {
            row.setCurrentLevel((short) event.toLevel());
            row.setManualLevel((short) event.manualLevel());
            row.setManualMode(event.mode().name());
            row.setManualUntil(utc(event.until()));
            row.setManualReason(event.reason());
            batch.history(
                    row,
                    version,
                    timestamp,
                    Origin.of(metaData),
                    "ADJUSTED",
                    event.fromLevel(),
                    event.toLevel(),
                    event.reason());
        }));
    }

    @EventHandler
    void on(
            LevelAdjustmentEndedEvent event,
            @Timestamp Instant timestamp,
            @SequenceNumber long version,
            MetaData metaData) {
        batch(batch -> batch.move(event.memberId(), version).ifPresent(row -> {
            row.setCurrentLevel((short) event.toLevel());
            row.setManualLevel(null);
            row.setManualMode(null);
            row.setManualUntil(null);
            row.setManualReason(null);
            String reason = event.reason() != null
                    ? event.reason()
                    : "manual level " + event.cause().name().toLowerCase();
            Origin origin = event.cause() == AdjustmentEnd.EXPIRED ? Origin.timeDriven(metaData) : Origin.of(metaData);
            batch.history(
                    row, version, timestamp, origin, "ADJUSTMENT_ENDED", event.fromLevel(), event.toLevel(), reason);
        }));
    }

    /** Any other event of the member still moves the row's version, which consistency tokens rely on. */
    @EventHandler
    void on(MemberEvent event, @SequenceNumber long version) {
        batch(batch -> batch.move(event.memberId(), version));
    }

    private void netSpend(MemberEvent event, Money netSpend, long version) {
        batch(batch -> batch.move(event.memberId(), version).ifPresent(row -> row.setNetSpendFen(netSpend.fen())));
    }

    private void batch(Consumer<LevelBatch> change) {
        ProjectionBatches.apply(this, events -> new LevelBatch(dsl, events, changes, views), change);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
