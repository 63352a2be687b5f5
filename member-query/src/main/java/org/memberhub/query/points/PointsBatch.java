package org.memberhub.query.points;

import static org.jooq.impl.DSL.row;
import static org.memberhub.query.jooq.Tables.POINTS_BALANCES;
import static org.memberhub.query.jooq.Tables.POINTS_LEDGER;
import static org.memberhub.query.jooq.Tables.POINTS_LOTS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.jooq.DSLContext;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.TotalsChange;
import org.memberhub.kernel.member.MemberEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.LedgerChange;
import org.memberhub.kernel.points.PointsView;
import org.memberhub.query.cache.MemberViewCache;
import org.memberhub.query.cache.ViewChanges;
import org.memberhub.query.jooq.tables.records.PointsBalancesRecord;
import org.memberhub.query.jooq.tables.records.PointsLedgerRecord;
import org.memberhub.query.jooq.tables.records.PointsLotsRecord;
import org.memberhub.query.projection.BatchRows;
import org.memberhub.query.projection.NewRows;
import org.memberhub.query.projection.ProjectionBatch;
import org.memberhub.query.projection.ProjectionBatches;
import org.memberhub.query.support.Origin;
import org.memberhub.query.support.TouchedLots;
import org.memberhub.query.support.TouchedLots.Lot;

/**
 * The balances, lots and ledger entries one batch of events changes. Each event first moves the member's balance row,
 * guarded by its version; only when that row moved are the ledger entry and the lot changes made, so an event seen
 * before changes nothing.
 */
final class PointsBatch implements ProjectionBatch {

    private final DSLContext dsl;
    private final BatchRows<UUID, PointsBalancesRecord> balances;
    private final BatchRows<Lot, PointsLotsRecord> lots;
    private final NewRows<PointsLedgerRecord> ledger;

    private final ViewChanges changes;
    private final MemberViewCache<PointsView> views;

    PointsBatch(
            DSLContext dsl,
            List<? extends EventMessage<?>> events,
            ViewChanges changes,
            MemberViewCache<PointsView> views) {
        this.dsl = dsl;
        this.changes = changes;
        this.views = views;
        this.balances = new BatchRows<>(
                dsl,
                POINTS_BALANCES,
                PointsBalancesRecord::getMemberId,
                POINTS_BALANCES.MEMBER_ID::in,
                POINTS_BALANCES.VERSION);
        this.lots = new BatchRows<>(
                dsl,
                POINTS_LOTS,
                lot -> new Lot(lot.getMemberId(), lot.getLotNo()),
                keys -> row(POINTS_LOTS.MEMBER_ID, POINTS_LOTS.LOT_NO)
                        .in(keys.stream()
                                .map(key -> row(key.member(), key.lotNo()))
                                .toList()),
                null);
        this.ledger = new NewRows<>(dsl, POINTS_LEDGER);
        balances.load(ProjectionBatches.members(events));
        lots.load(TouchedLots.by(events));
    }

    void registered(MemberId member, long version) {
        if (balances.find(member.value()).isPresent()) {
            return;
        }
        PointsBalancesRecord row = dsl.newRecord(POINTS_BALANCES);
        row.setMemberId(member.value());
        row.setAvailable(0L);
        row.setPending(0L);
        row.setDebt(0L);
        row.setLifetimeEarned(0L);
        row.setLifetimeSpent(0L);
        row.setLifetimeExpired(0L);
        row.setLifetimeReversed(0L);
        row.setLifetimeAdjusted(0L);
        row.setVersion(version);
        balances.put(row);
    }

    /**
     * Applies an event's balance changes and version.
     *
     * @return false when the row has already seen this event (or the member is unknown)
     */
    boolean moveBalance(MemberEvent event, long version) {
        Optional<PointsBalancesRecord> found = balances.find(event.memberId().value());
        if (found.isEmpty() || found.get().getVersion() >= version) {
            return false;
        }
        PointsBalancesRecord row = found.get();
        LedgerChange change = LedgerChange.of(event).orElseThrow();
        TotalsChange totals = TotalsChange.of(event);
        row.setAvailable(row.getAvailable() + change.available());
        row.setPending(row.getPending() + change.pending());
        row.setDebt(row.getDebt() + totals.debt());
        row.setLifetimeEarned(row.getLifetimeEarned() + totals.earned());
        row.setLifetimeSpent(row.getLifetimeSpent() + totals.spent());
        row.setLifetimeExpired(row.getLifetimeExpired() + totals.expired());
        row.setLifetimeReversed(row.getLifetimeReversed() + totals.reversed());
        row.setLifetimeAdjusted(row.getLifetimeAdjusted() + totals.adjusted());
        row.setVersion(version);
        balances.changed(row);
        return true;
    }

    /** Any other event of the member still moves the row's version, which consistency tokens rely on. */
    void seen(MemberId member, long version) {
        balances.find(member.value()).filter(row -> row.getVersion() < version).ifPresent(row -> {
            row.setVersion(version);
            balances.changed(row);
        });
    }

    void newLot(
            MemberId member,
            int lotNo,
            String source,
            String reference,
            long points,
            long remaining,
            boolean pending,
            Instant earnedAt,
            Instant releaseAt,
            Instant expiresAt) {
        if (lots.find(new Lot(member.value(), lotNo)).isPresent()) {
            return;
        }
        PointsLotsRecord lot = dsl.newRecord(POINTS_LOTS);
        lot.setMemberId(member.value());
        lot.setLotNo(lotNo);
        lot.setSource(source);
        lot.setReference(reference);
        lot.setPoints(points);
        lot.setRemaining(remaining);
        lot.setPending(pending);
        lot.setEarnedAt(utc(earnedAt));
        lot.setReleaseAt(utc(releaseAt));
        lot.setExpiresAt(utc(expiresAt));
        lots.put(lot);
    }

    /** The lot as it stands in this batch. */
    PointsLotsRecord lot(MemberId member, int lotNo) {
        return lots.find(new Lot(member.value(), lotNo))
                .orElseThrow(() -> new IllegalStateException("No lot " + lotNo + " of the member"));
    }

    void released(MemberId member, int lotNo, long debtSettled) {
        PointsLotsRecord lot = lot(member, lotNo);
        lot.setPending(false);
        lot.setRemaining(lot.getRemaining() - debtSettled);
        lots.changed(lot);
    }

    void expired(MemberId member, int lotNo) {
        PointsLotsRecord lot = lot(member, lotNo);
        lot.setRemaining(0L);
        lots.changed(lot);
    }

    void consume(MemberId member, List<LotConsumption> consumed) {
        for (LotConsumption consumption : consumed) {
            PointsLotsRecord lot = lot(member, consumption.lotNo());
            lot.setRemaining(lot.getRemaining() - consumption.points());
            lots.changed(lot);
        }
    }

    void ledger(
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
        PointsLedgerRecord entry = dsl.newRecord(POINTS_LEDGER);
        entry.setMemberId(event.memberId().value());
        entry.setSequenceNumber(version);
        entry.setOccurredAt(utc(timestamp));
        entry.setEntryType(type);
        entry.setSource(source);
        entry.setReference(reference);
        entry.setAvailableChange(change.available());
        entry.setPendingChange(change.pending());
        entry.setLotNo(lotNo);
        entry.setReason(reason);
        entry.setActor(origin.actor());
        entry.setChannel(origin.channel());
        entry.setCorrelationId(origin.correlationId());
        ledger.add(entry);
    }

    @Override
    public void flush() {
        Set<UUID> changed = balances.changedKeys();
        balances.flush();
        changes.changed(views, changed);
        lots.flush();
        ledger.flush();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
