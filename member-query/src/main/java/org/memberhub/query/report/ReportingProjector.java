package org.memberhub.query.report;

import static org.memberhub.query.report.jooq.Tables.ACTIVITY_PARTICIPATION;
import static org.memberhub.query.report.jooq.Tables.BENEFITS;
import static org.memberhub.query.report.jooq.Tables.BENEFIT_USAGE_DAILY;
import static org.memberhub.query.report.jooq.Tables.LEVEL_MOVEMENTS_DAILY;
import static org.memberhub.query.report.jooq.Tables.MEMBERS;
import static org.memberhub.query.report.jooq.Tables.POINTS_DAILY;
import static org.memberhub.query.report.jooq.Tables.POINTS_DEBTS;
import static org.memberhub.query.report.jooq.Tables.POINTS_LOTS;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.memberhub.kernel.activity.ActivityChangedEvent;
import org.memberhub.kernel.activity.ActivityClosedEvent;
import org.memberhub.kernel.activity.ActivityCreatedEvent;
import org.memberhub.kernel.activity.ActivityOpenedEvent;
import org.memberhub.kernel.activity.ActivityStatus;
import org.memberhub.kernel.activity.ActivityTerms;
import org.memberhub.kernel.activity.MemberJoinedActivityEvent;
import org.memberhub.kernel.benefit.BenefitChangedEvent;
import org.memberhub.kernel.benefit.BenefitCreatedEvent;
import org.memberhub.kernel.benefit.BenefitRetiredEvent;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitUsedEvent;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.springframework.stereotype.Component;

/**
 * Projects the {@code reporting} schema. Most tables are running totals, which an event must move exactly once: the
 * processor's token is stored in the same transaction as the totals, and a replay starts from empty tables (see
 * {@link #reset()}). Days are calendar days in the application's time zone.
 */
@Component
@ProcessingGroup(ReportingProjector.PROCESSING_GROUP)
class ReportingProjector {

    static final String PROCESSING_GROUP = "reporting";

    static final String ISSUED = "ISSUED";
    static final String SPENT = "SPENT";
    static final String EXPIRED = "EXPIRED";
    static final String REVERSED = "REVERSED";
    static final String DEDUCTED = "DEDUCTED";

    private final DSLContext dsl;
    private final ZoneId zone;

    ReportingProjector(DSLContext dsl, LoyaltyRules rules) {
        this.dsl = dsl;
        this.zone = rules.defaultTimeZone();
    }

    @ResetHandler
    void reset() {
        for (var table : List.of(
                MEMBERS,
                POINTS_DAILY,
                POINTS_LOTS,
                POINTS_DEBTS,
                BENEFITS,
                BENEFIT_USAGE_DAILY,
                ACTIVITY_PARTICIPATION,
                LEVEL_MOVEMENTS_DAILY)) {
            dsl.deleteFrom(table).execute();
        }
    }

    // ---------------------------------------------------------------- members

    @EventHandler
    void on(MemberRegisteredEvent event, @Timestamp Instant timestamp) {
        dsl.insertInto(MEMBERS)
                .set(MEMBERS.MEMBER_ID, event.memberId().value())
                .set(MEMBERS.JOINED_AT, timestamp.atOffset(ZoneOffset.UTC))
                .set(MEMBERS.JOINED_ON, day(timestamp))
                .set(MEMBERS.MEMBER_LEVEL, (short) event.level())
                .set(MEMBERS.STATUS, MemberStatus.ACTIVE.name())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(MemberFrozenEvent event) {
        status(event.memberId(), MemberStatus.FROZEN);
    }

    @EventHandler
    void on(MemberUnfrozenEvent event) {
        status(event.memberId(), MemberStatus.ACTIVE);
    }

    @EventHandler
    void on(MemberDeletedEvent event) {
        status(event.memberId(), MemberStatus.DELETED);
    }

    @EventHandler
    void on(MemberErasedEvent event) {
        status(event.memberId(), MemberStatus.DELETED);
    }

    // ---------------------------------------------------------------- levels

    @EventHandler
    void on(LevelUpgradedEvent event, @Timestamp Instant timestamp) {
        level(event.memberId(), "UPGRADED", event.fromLevel(), event.toLevel(), timestamp);
    }

    @EventHandler
    void on(LevelDowngradedEvent event, @Timestamp Instant timestamp) {
        level(event.memberId(), "DOWNGRADED", event.fromLevel(), event.toLevel(), timestamp);
    }

    @EventHandler
    void on(LevelAdjustedEvent event, @Timestamp Instant timestamp) {
        level(event.memberId(), "ADJUSTED", event.fromLevel(), event.toLevel(), timestamp);
    }

    @EventHandler
    void on(LevelAdjustmentEndedEvent event, @Timestamp Instant timestamp) {
        level(event.memberId(), "ADJUSTMENT_ENDED", event.fromLevel(), event.toLevel(), timestamp);
    }

    // ---------------------------------------------------------------- points

    @EventHandler
    void on(PointsEarnedEvent event, @Timestamp Instant timestamp) {
        points(timestamp, ISSUED, event.source().name(), event.points());
        openLot(
                event.memberId(),
                event.lotNo(),
                event.points(),
                event.debtSettled(),
                event.pending(),
                event.expiresAt());
    }

    @EventHandler
    void on(PointsReleasedEvent event) {
        dsl.update(POINTS_LOTS)
                .set(POINTS_LOTS.PENDING, false)
                .set(POINTS_LOTS.REMAINING, POINTS_LOTS.REMAINING.minus(event.debtSettled()))
                .where(POINTS_LOTS.MEMBER_ID.eq(event.memberId().value()))
                .and(POINTS_LOTS.LOT_NO.eq(event.lotNo()))
                .execute();
        debt(event.memberId(), -event.debtSettled());
    }

    @EventHandler
    void on(PointsSpentEvent event, @Timestamp Instant timestamp) {
        points(timestamp, SPENT, event.purpose().name(), event.points());
        consume(event.memberId(), event.consumed());
    }

    @EventHandler
    void on(PointsReversedEvent event, @Timestamp Instant timestamp) {
        points(timestamp, REVERSED, "REFUND", event.points());
        consume(event.memberId(), event.consumed());
        debt(event.memberId(), event.debtIncurred());
    }

    @EventHandler
    void on(PointsExpiredEvent event, @Timestamp Instant timestamp) {
        points(timestamp, EXPIRED, "EXPIRY", event.points());
        dsl.update(POINTS_LOTS)
                .set(POINTS_LOTS.REMAINING, 0L)
                .where(POINTS_LOTS.MEMBER_ID.eq(event.memberId().value()))
                .and(POINTS_LOTS.LOT_NO.eq(event.lotNo()))
                .execute();
    }

    @EventHandler
    void on(PointsAdjustedEvent event, @Timestamp Instant timestamp) {
        if (event.delta() > 0) {
            points(timestamp, ISSUED, "ADJUSTMENT", event.delta());
            openLot(event.memberId(), event.lotNo(), event.delta(), event.debtSettled(), false, event.expiresAt());
        } else {
            points(timestamp, DEDUCTED, "ADJUSTMENT", -event.delta());
            consume(event.memberId(), event.consumed());
        }
    }

    // ---------------------------------------------------------------- benefits

    @EventHandler
    void on(BenefitCreatedEvent event) {
        dsl.insertInto(BENEFITS)
                .set(BENEFITS.BENEFIT_ID, event.benefitId().value())
                .set(BENEFITS.NAME_ZH, event.terms().nameZh())
                .set(BENEFITS.NAME_EN, event.terms().nameEn())
                .set(BENEFITS.BENEFIT_TYPE, event.terms().type().name())
                .set(BENEFITS.STATUS, BenefitStatus.ACTIVE.name())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(BenefitChangedEvent event) {
        dsl.update(BENEFITS)
                .set(BENEFITS.NAME_ZH, event.terms().nameZh())
                .set(BENEFITS.NAME_EN, event.terms().nameEn())
                .where(BENEFITS.BENEFIT_ID.eq(event.benefitId().value()))
                .execute();
    }

    @EventHandler
    void on(BenefitRetiredEvent event) {
        dsl.update(BENEFITS)
                .set(BENEFITS.STATUS, BenefitStatus.RETIRED.name())
                .where(BENEFITS.BENEFIT_ID.eq(event.benefitId().value()))
                .execute();
    }

    @EventHandler
    void on(BenefitUsedEvent event, @Timestamp Instant timestamp) {
        long bought = event.pointsPaid() > 0 ? 1 : 0;
        dsl.insertInto(BENEFIT_USAGE_DAILY)
                .set(BENEFIT_USAGE_DAILY.CALENDAR_DAY, day(timestamp))
                .set(BENEFIT_USAGE_DAILY.BENEFIT_ID, event.benefitId().value())
                .set(BENEFIT_USAGE_DAILY.MEMBER_LEVEL, (short) event.level())
                .set(BENEFIT_USAGE_DAILY.USES, 1L)
                .set(BENEFIT_USAGE_DAILY.BOUGHT, bought)
                .set(BENEFIT_USAGE_DAILY.POINTS_PAID, event.pointsPaid())
                .onConflict(
                        BENEFIT_USAGE_DAILY.CALENDAR_DAY,
                        BENEFIT_USAGE_DAILY.BENEFIT_ID,
                        BENEFIT_USAGE_DAILY.MEMBER_LEVEL)
                .doUpdate()
                .set(BENEFIT_USAGE_DAILY.USES, BENEFIT_USAGE_DAILY.USES.plus(1L))
                .set(BENEFIT_USAGE_DAILY.BOUGHT, BENEFIT_USAGE_DAILY.BOUGHT.plus(bought))
                .set(BENEFIT_USAGE_DAILY.POINTS_PAID, BENEFIT_USAGE_DAILY.POINTS_PAID.plus(event.pointsPaid()))
                .execute();
    }

    // ---------------------------------------------------------------- activities

    @EventHandler
    void on(ActivityCreatedEvent event) {
        ActivityTerms terms = event.terms();
        dsl.insertInto(ACTIVITY_PARTICIPATION)
                .set(ACTIVITY_PARTICIPATION.ACTIVITY_ID, event.activityId().value())
                .set(ACTIVITY_PARTICIPATION.NAME, terms.name())
                .set(ACTIVITY_PARTICIPATION.STARTS_AT, terms.startsAt().atOffset(ZoneOffset.UTC))
                .set(ACTIVITY_PARTICIPATION.ENDS_AT, terms.endsAt().atOffset(ZoneOffset.UTC))
                .set(ACTIVITY_PARTICIPATION.STATUS, ActivityStatus.DRAFT.name())
                .set(ACTIVITY_PARTICIPATION.CAPACITY, terms.capacity())
                .set(ACTIVITY_PARTICIPATION.PARTICIPANTS, 0)
                .set(ACTIVITY_PARTICIPATION.REWARD_POINTS_ISSUED, 0L)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(ActivityChangedEvent event) {
        ActivityTerms terms = event.terms();
        dsl.update(ACTIVITY_PARTICIPATION)
                .set(ACTIVITY_PARTICIPATION.NAME, terms.name())
                .set(ACTIVITY_PARTICIPATION.STARTS_AT, terms.startsAt().atOffset(ZoneOffset.UTC))
                .set(ACTIVITY_PARTICIPATION.ENDS_AT, terms.endsAt().atOffset(ZoneOffset.UTC))
                .set(ACTIVITY_PARTICIPATION.CAPACITY, terms.capacity())
                .where(ACTIVITY_PARTICIPATION.ACTIVITY_ID.eq(event.activityId().value()))
                .execute();
    }

    @EventHandler
    void on(ActivityOpenedEvent event) {
        activityStatus(event.activityId().value(), ActivityStatus.OPEN);
    }

    @EventHandler
    void on(ActivityClosedEvent event) {
        activityStatus(event.activityId().value(), ActivityStatus.CLOSED);
    }

    @EventHandler
    void on(MemberJoinedActivityEvent event) {
        dsl.update(ACTIVITY_PARTICIPATION)
                .set(ACTIVITY_PARTICIPATION.PARTICIPANTS, ACTIVITY_PARTICIPATION.PARTICIPANTS.plus(1))
                .set(
                        ACTIVITY_PARTICIPATION.REWARD_POINTS_ISSUED,
                        ACTIVITY_PARTICIPATION.REWARD_POINTS_ISSUED.plus(event.rewardPoints()))
                .where(ACTIVITY_PARTICIPATION.ACTIVITY_ID.eq(event.activityId().value()))
                .execute();
    }

    // ---------------------------------------------------------------- helpers

    private LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private void status(MemberId member, MemberStatus status) {
        dsl.update(MEMBERS)
                .set(MEMBERS.STATUS, status.name())
                .where(MEMBERS.MEMBER_ID.eq(member.value()))
                .execute();
    }

    private void level(MemberId member, String kind, int from, int to, Instant timestamp) {
        dsl.update(MEMBERS)
                .set(MEMBERS.MEMBER_LEVEL, (short) to)
                .where(MEMBERS.MEMBER_ID.eq(member.value()))
                .execute();
        if (from == to) {
            return;
        }
        dsl.insertInto(LEVEL_MOVEMENTS_DAILY)
                .set(LEVEL_MOVEMENTS_DAILY.CALENDAR_DAY, day(timestamp))
                .set(LEVEL_MOVEMENTS_DAILY.KIND, kind)
                .set(LEVEL_MOVEMENTS_DAILY.FROM_LEVEL, (short) from)
                .set(LEVEL_MOVEMENTS_DAILY.TO_LEVEL, (short) to)
                .set(LEVEL_MOVEMENTS_DAILY.MOVEMENTS, 1L)
                .onConflict(
                        LEVEL_MOVEMENTS_DAILY.CALENDAR_DAY,
                        LEVEL_MOVEMENTS_DAILY.KIND,
                        LEVEL_MOVEMENTS_DAILY.FROM_LEVEL,
                        LEVEL_MOVEMENTS_DAILY.TO_LEVEL)
                .doUpdate()
                .set(LEVEL_MOVEMENTS_DAILY.MOVEMENTS, LEVEL_MOVEMENTS_DAILY.MOVEMENTS.plus(1L))
                .execute();
    }

    private void points(Instant timestamp, String kind, String reason, long points) {
        if (points == 0) {
            return;
        }
        dsl.insertInto(POINTS_DAILY)
                .set(POINTS_DAILY.CALENDAR_DAY, day(timestamp))
                .set(POINTS_DAILY.KIND, kind)
                .set(POINTS_DAILY.REASON, reason)
                .set(POINTS_DAILY.POINTS, points)
                .set(POINTS_DAILY.ENTRIES, 1L)
                .onConflict(POINTS_DAILY.CALENDAR_DAY, POINTS_DAILY.KIND, POINTS_DAILY.REASON)
                .doUpdate()
                .set(POINTS_DAILY.POINTS, POINTS_DAILY.POINTS.plus(points))
                .set(POINTS_DAILY.ENTRIES, POINTS_DAILY.ENTRIES.plus(1L))
                .execute();
    }

    private void openLot(
            MemberId member, Integer lotNo, long points, long debtSettled, boolean pending, Instant expiresAt) {
        dsl.insertInto(POINTS_LOTS)
                .set(POINTS_LOTS.MEMBER_ID, member.value())
                .set(POINTS_LOTS.LOT_NO, lotNo)
                .set(POINTS_LOTS.REMAINING, points - debtSettled)
                .set(POINTS_LOTS.PENDING, pending)
                .set(POINTS_LOTS.EXPIRES_AT, expiresAt.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        debt(member, -debtSettled);
    }

    private void consume(MemberId member, List<LotConsumption> consumed) {
        for (LotConsumption consumption : consumed) {
            dsl.update(POINTS_LOTS)
                    .set(POINTS_LOTS.REMAINING, POINTS_LOTS.REMAINING.minus(consumption.points()))
                    .where(POINTS_LOTS.MEMBER_ID.eq(member.value()))
                    .and(POINTS_LOTS.LOT_NO.eq(consumption.lotNo()))
                    .execute();
        }
    }

    private void debt(MemberId member, long change) {
        if (change == 0) {
            return;
        }
        dsl.insertInto(POINTS_DEBTS)
                .set(POINTS_DEBTS.MEMBER_ID, member.value())
                .set(POINTS_DEBTS.DEBT, change)
                .onConflict(POINTS_DEBTS.MEMBER_ID)
                .doUpdate()
                .set(POINTS_DEBTS.DEBT, POINTS_DEBTS.DEBT.plus(change))
                .execute();
    }

    private void activityStatus(UUID activity, ActivityStatus status) {
        dsl.update(ACTIVITY_PARTICIPATION)
                .set(ACTIVITY_PARTICIPATION.STATUS, status.name())
                .where(ACTIVITY_PARTICIPATION.ACTIVITY_ID.eq(activity))
                .execute();
    }
}
