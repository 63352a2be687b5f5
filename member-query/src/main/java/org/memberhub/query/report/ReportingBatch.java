package org.memberhub.query.report;

import static org.jooq.impl.DSL.row;
import static org.memberhub.query.report.jooq.Tables.BENEFIT_USAGE_DAILY;
import static org.memberhub.query.report.jooq.Tables.LEVEL_MOVEMENTS_DAILY;
import static org.memberhub.query.report.jooq.Tables.MEMBERS;
import static org.memberhub.query.report.jooq.Tables.POINTS_DAILY;
import static org.memberhub.query.report.jooq.Tables.POINTS_DEBTS;
import static org.memberhub.query.report.jooq.Tables.POINTS_LOTS;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.jooq.DSLContext;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.query.projection.BatchRows;
import org.memberhub.query.projection.BatchTotals;
import org.memberhub.query.projection.ProjectionBatch;
import org.memberhub.query.projection.ProjectionBatches;
import org.memberhub.query.report.jooq.tables.records.BenefitUsageDailyRecord;
import org.memberhub.query.report.jooq.tables.records.LevelMovementsDailyRecord;
import org.memberhub.query.report.jooq.tables.records.MembersRecord;
import org.memberhub.query.report.jooq.tables.records.PointsDailyRecord;
import org.memberhub.query.report.jooq.tables.records.PointsDebtsRecord;
import org.memberhub.query.report.jooq.tables.records.PointsLotsRecord;
import org.memberhub.query.support.TouchedLots;
import org.memberhub.query.support.TouchedLots.Lot;

/**
 * What one batch of events changes in the reporting schema: member and lot rows changed in memory, running totals
 * (points per day, level movements per day, benefit uses per day, debts) summed per row and added with one upsert
 * each.
 */
final class ReportingBatch implements ProjectionBatch {

    private final DSLContext dsl;
    private final BatchRows<UUID, MembersRecord> members;
    private final BatchRows<Lot, PointsLotsRecord> lots;
    private final BatchTotals<Object, PointsDailyRecord> pointsDaily;
    private final BatchTotals<Object, LevelMovementsDailyRecord> levelMovements;
    private final BatchTotals<Object, BenefitUsageDailyRecord> benefitUsage;
    private final BatchTotals<UUID, PointsDebtsRecord> debts;

    ReportingBatch(DSLContext dsl, List<? extends EventMessage<?>> events) {
        this.dsl = dsl;
        this.members = new BatchRows<>(dsl, MEMBERS, MembersRecord::getMemberId, MEMBERS.MEMBER_ID::in, null);
        this.lots = new BatchRows<>(
                dsl,
                POINTS_LOTS,
                lot -> new Lot(lot.getMemberId(), lot.getLotNo()),
                keys -> row(POINTS_LOTS.MEMBER_ID, POINTS_LOTS.LOT_NO)
                        .in(keys.stream()
                                .map(key -> row(key.member(), key.lotNo()))
                                .toList()),
                null);
        this.pointsDaily = new BatchTotals<>(
                dsl,
                POINTS_DAILY,
                row -> List.of(row.getCalendarDay(), row.getKind(), row.getReason()),
                List.of(POINTS_DAILY.POINTS, POINTS_DAILY.ENTRIES));
        this.levelMovements = new BatchTotals<>(
                dsl,
                LEVEL_MOVEMENTS_DAILY,
                row -> List.of(row.getCalendarDay(), row.getKind(), row.getFromLevel(), row.getToLevel()),
                List.of(LEVEL_MOVEMENTS_DAILY.MOVEMENTS));
        this.benefitUsage = new BatchTotals<>(
                dsl,
                BENEFIT_USAGE_DAILY,
                row -> List.of(row.getCalendarDay(), row.getBenefitId(), row.getMemberLevel()),
                List.of(BENEFIT_USAGE_DAILY.USES, BENEFIT_USAGE_DAILY.BOUGHT, BENEFIT_USAGE_DAILY.POINTS_PAID));
        this.debts = new BatchTotals<>(dsl, POINTS_DEBTS, PointsDebtsRecord::getMemberId, List.of(POINTS_DEBTS.DEBT));
        members.load(ProjectionBatches.members(events));
        lots.load(TouchedLots.by(events));
    }

    void registered(MemberId member, Instant joinedAt, LocalDate joinedOn, int level, String status) {
        if (members.find(member.value()).isPresent()) {
            return;
        }
        MembersRecord row = dsl.newRecord(MEMBERS);
        row.setMemberId(member.value());
        row.setJoinedAt(joinedAt.atOffset(ZoneOffset.UTC));
        row.setJoinedOn(joinedOn);
        row.setMemberLevel((short) level);
        row.setStatus(status);
        members.put(row);
    }

    void status(MemberId member, String status) {
        members.find(member.value()).ifPresent(row -> {
            row.setStatus(status);
            members.changed(row);
        });
    }

    void level(MemberId member, int level) {
        members.find(member.value()).ifPresent(row -> {
            row.setMemberLevel((short) level);
            members.changed(row);
        });
    }

    void levelMoved(LocalDate day, String kind, int from, int to) {
        LevelMovementsDailyRecord row = dsl.newRecord(LEVEL_MOVEMENTS_DAILY);
        row.setCalendarDay(day);
        row.setKind(kind);
        row.setFromLevel((short) from);
        row.setToLevel((short) to);
        row.setMovements(1L);
        levelMovements.add(row);
    }

    void points(LocalDate day, String kind, String reason, long points) {
        if (points == 0) {
            return;
        }
        PointsDailyRecord row = dsl.newRecord(POINTS_DAILY);
        row.setCalendarDay(day);
        row.setKind(kind);
        row.setReason(reason);
        row.setPoints(points);
        row.setEntries(1L);
        pointsDaily.add(row);
    }

    void benefitUsed(LocalDate day, String benefit, int level, long pointsPaid) {
        BenefitUsageDailyRecord row = dsl.newRecord(BENEFIT_USAGE_DAILY);
        row.setCalendarDay(day);
        row.setBenefitId(benefit);
        row.setMemberLevel((short) level);
        row.setUses(1L);
        row.setBought(pointsPaid > 0 ? 1L : 0L);
        row.setPointsPaid(pointsPaid);
        benefitUsage.add(row);
    }

    void openLot(MemberId member, int lotNo, long points, long debtSettled, boolean pending, Instant expiresAt) {
        if (lots.find(new Lot(member.value(), lotNo)).isEmpty()) {
            PointsLotsRecord lot = dsl.newRecord(POINTS_LOTS);
            lot.setMemberId(member.value());
            lot.setLotNo(lotNo);
            lot.setRemaining(points - debtSettled);
            lot.setPending(pending);
            lot.setExpiresAt(expiresAt.atOffset(ZoneOffset.UTC));
            lots.put(lot);
        }
        debt(member, -debtSettled);
    }

    void released(MemberId member, int lotNo, long debtSettled) {
        lots.find(new Lot(member.value(), lotNo)).ifPresent(lot -> {
            lot.setPending(false);
            lot.setRemaining(lot.getRemaining() - debtSettled);
            lots.changed(lot);
        });
        debt(member, -debtSettled);
    }

    void expired(MemberId member, int lotNo) {
        lots.find(new Lot(member.value(), lotNo)).ifPresent(lot -> {
            lot.setRemaining(0L);
            lots.changed(lot);
        });
    }

    void consume(MemberId member, List<LotConsumption> consumed) {
        for (LotConsumption consumption : consumed) {
            lots.find(new Lot(member.value(), consumption.lotNo())).ifPresent(lot -> {
                lot.setRemaining(lot.getRemaining() - consumption.points());
                lots.changed(lot);
            });
        }
    }

    void debt(MemberId member, long change) {
        if (change == 0) {
            return;
        }
        PointsDebtsRecord row = dsl.newRecord(POINTS_DEBTS);
        row.setMemberId(member.value());
        row.setDebt(change);
        debts.add(row);
    }

    @Override
    public void flush() {
        members.flush();
        lots.flush();
        pointsDaily.flush();
        levelMovements.flush();
        benefitUsage.flush();
        debts.flush();
    }
}
