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
import java.util.function.Consumer;
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
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.ReturnedLot;
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
import org.memberhub.kernel.points.SpentPointsReturnedEvent;
import org.memberhub.query.projection.ProjectionBatches;
import org.springframework.stereotype.Component;

/**
 * Projects the {@code reporting} schema. Most tables are running totals, which an event must move exactly once: the
 * processor's token is stored in the same transaction as the totals, and a replay starts from empty tables (see
 * {@link #reset()}). A processor batch's members, lots and totals are changed in memory ({@link ReportingBatch}) and
 * written together; the rare catalogue and activity events write at once. Days are calendar days in the application's
 * time zone.
 */
@Component
@ProcessingGroup(ReportingProjector.PROCESSING_GROUP)
class ReportingProjector {

    static final String PROCESSING_GROUP = "reporting";

    static final String ISSUED = "ISSUED";
    static final String SPENT = "SPENT";
    static final String EXPIRED = "EXPIRED";
    static final String REVERSED = "REVERSED";
    static final String RETURNED = "RETURNED";
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
        batch(batch -> batch.registered(
                event.memberId(), timestamp, day(timestamp), event.level(), MemberStatus.ACTIVE.name()));
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
        batch(batch -> {
            batch.points(day(timestamp), ISSUED, event.source().name(), event.points());
            batch.openLot(
                    event.memberId(),
                    event.lotNo(),
                    event.points(),
                    event.debtSettled(),
                    event.pending(),
                    event.expiresAt());
        });
    }

    @EventHandler
    void on(PointsReleasedEvent event) {
        batch(batch -> batch.released(event.memberId(), event.lotNo(), event.debtSettled()));
    }

    @EventHandler
    void on(PointsSpentEvent event, @Timestamp Instant timestamp) {
        batch(batch -> {
            batch.points(day(timestamp), SPENT, event.purpose().name(), event.points());
            batch.consume(event.memberId(), event.consumed());
        });
    }

    @EventHandler
    void on(PointsReversedEvent event, @Timestamp Instant timestamp) {
        batch(batch -> {
            batch.points(day(timestamp), REVERSED, "REFUND", event.points());
            batch.consume(event.memberId(), event.consumed());
            batch.debt(event.memberId(), event.debtIncurred());
        });
    }

    /** Spent points given back: RETURNED by REFUND or CANCEL, and the share that came back expired as EXPIRED. */
    @EventHandler
    void on(SpentPointsReturnedEvent event, @Timestamp Instant timestamp) {
        batch(batch -> {
            batch.points(day(timestamp), RETURNED, event.cancelled() ? "CANCEL" : "REFUND", event.points());
            batch.points(day(timestamp), EXPIRED, "RETURN", event.expired());
            for (ReturnedLot lot : event.lots()) {
                batch.openLot(event.memberId(), lot.lotNo(), lot.points(), lot.debtSettled(), false, lot.expiresAt());
            }
        });
    }

    @EventHandler
    void on(PointsExpiredEvent event, @Timestamp Instant timestamp) {
        batch(batch -> {
            batch.points(day(timestamp), EXPIRED, "EXPIRY", event.points());
            batch.expired(event.memberId(), event.lotNo());
        });
    }

    @EventHandler
    void on(PointsAdjustedEvent event, @Timestamp Instant timestamp) {
        batch(batch -> {
            if (event.delta() > 0) {
                batch.points(day(timestamp), ISSUED, "ADJUSTMENT", event.delta());
                batch.openLot(
                        event.memberId(), event.lotNo(), event.delta(), event.debtSettled(), false, event.expiresAt());
            } else {
                batch.points(day(timestamp), DEDUCTED, "ADJUSTMENT", -event.delta());
                batch.consume(event.memberId(), event.consumed());
            }
        });
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
        batch(batch -> batch.benefitUsed(day(timestamp), event.benefitId().value(), event.level(), event.pointsPaid()));
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
        batch(batch -> batch.status(member, status.name()));
    }

    private void level(MemberId member, String kind, int from, int to, Instant timestamp) {
        batch(batch -> {
            batch.level(member, to);
            if (from != to) {
                batch.levelMoved(day(timestamp), kind, from, to);
            }
        });
    }

    private void batch(Consumer<ReportingBatch> change) {
        ProjectionBatches.apply(this, events -> new ReportingBatch(dsl, events), change);
    }

    private void activityStatus(UUID activity, ActivityStatus status) {
        dsl.update(ACTIVITY_PARTICIPATION)
                .set(ACTIVITY_PARTICIPATION.STATUS, status.name())
                .where(ACTIVITY_PARTICIPATION.ACTIVITY_ID.eq(activity))
                .execute();
    }
}
