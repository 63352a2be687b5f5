package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.SpendPurpose;

/**
 * The member's rules one by one, from the state its events fold into: what each decides, and each refusal by its
 * code. (MemberTest drives the same rules through the aggregate; LoyaltyRulesProperties through random histories.)
 */
class MemberRulesTest {

    private static final MemberId ID = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Noon in Shanghai, 23 November 2026. */
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    private static final LoyaltyRules RULES = LoyaltyRules.defaults(SHANGHAI);
    private static final Instant RELEASE = Instant.parse("2026-11-30T04:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2028-11-23T04:00:00Z");

    private RulesFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RulesFixture(ID, RULES, SHANGHAI, NOW);
        fixture.given(new MemberRegisteredEvent(ID, profile(LocalDate.of(1990, 11, 2)), 1));
    }

    @Nested
    class Purchases {

        @Test
        void earnsPendingPointsByTheLevelHeldAndMovesUp() {
            fixture.when(d -> PurchaseRules.record(d, "o1", Money.ofYuan("600.00"), NOW))
                    .expectEvents(
                            new PurchaseRecordedEvent(ID, "o1", Money.ofYuan("600.00"), NOW, Money.ofYuan("600.00")),
                            pendingLot(1, "o1", 600),
                            new LevelUpgradedEvent(ID, 1, 2, 2, Money.ofYuan("600.00"), "purchase o1"))
                    .expectResult(decided -> {
                        assertThat(decided.duplicate()).isFalse();
                        assertThat(decided.decision().pointsEarned()).isEqualTo(600);
                        assertThat(decided.decision().releaseAt()).isEqualTo(RELEASE);
                    });
        }

        @Test
        void theSameOrderAgainIsADuplicate() {
            fixture.given(purchase("o1", "100.00", "100.00"), pendingLot(1, "o1", 100))
                    .when(d -> PurchaseRules.record(d, "o1", Money.ofYuan("100.00"), null))
                    .expectNoEvents()
                    .expectResult(decided -> assertThat(decided.duplicate()).isTrue());
        }

        @Test
        void refusesTheSameOrderWithAnotherAmount() {
            fixture.given(purchase("o1", "100.00", "100.00"), pendingLot(1, "o1", 100))
                    .when(d -> PurchaseRules.record(d, "o1", Money.ofYuan("100.01"), null))
                    .expectRefusal(ErrorCode.IDEMPOTENCY_CONFLICT);
        }

        @Test
        void refusesAPurchaseInTheFuture() {
            fixture.when(d -> PurchaseRules.record(d, "o1", Money.ofYuan("1.00"), NOW.plus(Duration.ofMinutes(6))))
                    .expectRefusal(ErrorCode.OCCURRED_IN_FUTURE);
        }

        @Test
        void refusesAPurchaseOfNothing() {
            fixture.when(d -> PurchaseRules.record(d, "o1", Money.ZERO, NOW)).expectRefusal(ErrorCode.INVALID_AMOUNT);
        }
    }

    @Nested
    class Refunds {

        @Test
        void takesBackTheRefundedShareFromTheOrdersPendingLot() {
            fixture.given(purchase("o1", "100.00", "100.00"), pendingLot(1, "o1", 100))
                    .when(d -> PurchaseRules.refund(d, "r1", "o1", Money.ofYuan("40.00")))
                    .expectEvents(
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("40.00"), Money.ofYuan("60.00")),
                            new PointsReversedEvent(ID, "r1", "o1", 40, List.of(new LotConsumption(1, 40, true)), 0));
        }

        @Test
        void whatCannotBeTakenBackBecomesDebt() {
            fixture.given(
                            purchase("o1", "100.00", "100.00"),
                            pendingLot(1, "o1", 100),
                            new PointsReleasedEvent(ID, 1, 100, RELEASE, 0),
                            new PointsSpentEvent(
                                    ID,
                                    SpendPurpose.REDEMPTION,
                                    "x1",
                                    70,
                                    null,
                                    null,
                                    "p1",
                                    List.of(new LotConsumption(1, 70, false))))
                    .when(d -> PurchaseRules.refund(d, "r1", "o1", Money.ofYuan("100.00")))
                    .expectEvents(
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("100.00"), Money.ZERO),
                            new PointsReversedEvent(
                                    ID, "r1", "o1", 100, List.of(new LotConsumption(1, 30, false)), 70));
            assertThat(fixture.state().balance().available()).isEqualTo(-70);
            assertThat(fixture.state().debt()).isEqualTo(70);
        }

        @Test
        void refusesRefundingAnUnknownOrder() {
            fixture.when(d -> PurchaseRules.refund(d, "r1", "o9", Money.ofYuan("1.00")))
                    .expectRefusal(ErrorCode.UNKNOWN_ORDER);
        }

        @Test
        void refusesRefundingMoreThanIsLeft() {
            fixture.given(
                            purchase("o1", "100.00", "100.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("90.00"), Money.ofYuan("10.00")))
                    .when(d -> PurchaseRules.refund(d, "r2", "o1", Money.ofYuan("10.01")))
                    .expectRefusal(ErrorCode.REFUND_EXCEEDS_PURCHASE);
        }
    }

    @Nested
    class Earning {

        @Test
        void aReviewOfAPurchasedOrderEarnsAnAvailableLot() {
            fixture.given(purchase("o1", "100.00", "100.00"), pendingLot(1, "o1", 100))
                    .when(d -> EarningRules.earn(d, EarnType.REVIEW, "o1", null))
                    .expectEvents(new PointsEarnedEvent(ID, 2, PointsSource.REVIEW, "o1", 10, false, null, EXPIRY, 0));
        }

        @Test
        void refusesAReviewOfAnOrderRefundedInFull() {
            fixture.given(
                            purchase("o1", "100.00", "100.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("100.00"), Money.ZERO))
                    .when(d -> EarningRules.earn(d, EarnType.REVIEW, "o1", null))
                    .expectRefusal(ErrorCode.ORDER_FULLY_REFUNDED);
        }

        @Test
        void refusesAReviewOfAnOrderNotPurchased() {
            fixture.when(d -> EarningRules.earn(d, EarnType.REVIEW, "o1", null)).expectRefusal(ErrorCode.UNKNOWN_ORDER);
        }

        @Test
        void newPointsPayOffDebtFirst() {
            fixture.given(
                            purchase("o1", "100.00", "100.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("100.00"), Money.ZERO),
                            new PointsReversedEvent(ID, "r1", "o1", 3, List.of(), 3))
                    .when(d -> EarningRules.earn(d, EarnType.CHECK_IN, null, null))
                    .expectEvents(new PointsEarnedEvent(
                            ID, 1, PointsSource.CHECK_IN, "2026-11-23", 5, false, null, EXPIRY, 3));
            assertThat(fixture.state().balance().available()).isEqualTo(2);
        }

        @Test
        void refusesBirthdayPointsOutsideTheBirthdayMonth() {
            fixture.when(d -> EarningRules.earn(d, EarnType.BIRTHDAY, null, LocalDate.of(1990, 5, 1)))
                    .expectRefusal(ErrorCode.NOT_BIRTHDAY_MONTH);
        }

        @Test
        void refusesBirthdayPointsWithoutABirthday() {
            fixture.when(d -> EarningRules.earn(d, EarnType.BIRTHDAY, null, null))
                    .expectRefusal(ErrorCode.NO_BIRTHDAY);
        }

        @Test
        void theSameActivityAgainIsADuplicate() {
            fixture.given(new PointsEarnedEvent(ID, 1, PointsSource.ACTIVITY, "a1", 50, false, null, EXPIRY, 0))
                    .when(d -> EarningRules.rewardActivity(d, "a1", 50))
                    .expectNoEvents()
                    .expectResult(decided -> assertThat(decided.duplicate()).isTrue());
        }
    }

    @Nested
    class Spending {

        @Test
        void takesTheLotsThatExpireFirst() {
            fixture.given(availableLot(1, EXPIRY, 30), availableLot(2, EXPIRY.minus(Duration.ofDays(1)), 30))
                    .when(d -> SpendingRules.redeem(d, "x1", "p1", 40))
                    .expectEvents(new PointsSpentEvent(
                            ID,
                            SpendPurpose.REDEMPTION,
                            "x1",
                            40,
                            null,
                            null,
                            "p1",
                            List.of(new LotConsumption(2, 30, false), new LotConsumption(1, 10, false))));
        }

        @Test
        void refusesSpendingMoreThanIsAvailable() {
            fixture.given(availableLot(1, EXPIRY, 30), pendingLot(2, "o1", 100))
                    .when(d -> SpendingRules.redeem(d, "x1", "p1", 31))
                    .expectRefusal(ErrorCode.INSUFFICIENT_POINTS);
        }

        @Test
        void anOrderCanBePaidWithAnyWholeNumberOfPointsEachWorthOneFen() {
            fixture.given(availableLot(1, EXPIRY, 10_000))
                    .when(d -> SpendingRules.spendOnOrder(d, "o1", Money.ofYuan("10.00"), 15))
                    .expectResult(decided -> {
                        assertThat(decided.decision().points()).isEqualTo(15);
                        assertThat(decided.decision().value()).isEqualTo(Money.ofYuan("0.15"));
                    });
            assertThat(fixture.state().balance().available()).isEqualTo(9_985);
            fixture.when(d -> SpendingRules.spendOnOrder(d, "o2", Money.ofYuan("10.00"), 500))
                    .expectResult(
                            decided -> assertThat(decided.decision().points()).isEqualTo(500));
        }

        @Test
        void refusesPayingMoreThanTheAllowedShareOfAnOrder() {
            fixture.given(availableLot(1, EXPIRY, 10_000))
                    .when(d -> SpendingRules.spendOnOrder(d, "o1", Money.ofYuan("10.00"), 501))
                    .expectRefusal(ErrorCode.DEDUCTION_LIMIT_EXCEEDED);
        }

        @Test
        void refusesPayingAPurchaseNeverRecorded() {
            fixture.given(availableLot(1, EXPIRY, 100))
                    .when(d -> SpendingRules.spendOnPurchase(d, "o9", 10))
                    .expectRefusal(ErrorCode.UNKNOWN_ORDER);
        }

        @Test
        void refusesSpendingNothing() {
            fixture.given(availableLot(1, EXPIRY, 100))
                    .when(d -> SpendingRules.redeem(d, "x1", "p1", 0))
                    .expectRefusal(ErrorCode.INVALID_POINTS);
        }
    }

    @Nested
    class Adjustments {

        @Test
        void addsALotThatPaysOffDebtFirst() {
            fixture.given(
                            purchase("o1", "100.00", "100.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("100.00"), Money.ZERO),
                            new PointsReversedEvent(ID, "r1", "o1", 20, List.of(), 20))
                    .when(d -> PointsAdjustmentRules.adjust(d, "a1", 50, "goodwill"))
                    .expectEvents(new PointsAdjustedEvent(ID, "a1", 50, "goodwill", 1, EXPIRY, 20, List.of()));
            assertThat(fixture.state().balance().available()).isEqualTo(30);
        }

        @Test
        void refusesTheSameAdjustmentIdWithAnotherDelta() {
            fixture.given(new PointsAdjustedEvent(ID, "a1", 50, "goodwill", 1, EXPIRY, 0, List.of()))
                    .when(d -> PointsAdjustmentRules.adjust(d, "a1", 60, "goodwill"))
                    .expectRefusal(ErrorCode.IDEMPOTENCY_CONFLICT);
        }

        @Test
        void refusesAnAdjustmentOfNothing() {
            fixture.when(d -> PointsAdjustmentRules.adjust(d, "a1", 0, null)).expectRefusal(ErrorCode.INVALID_POINTS);
        }
    }

    @Nested
    class Levels {

        @Test
        void aManualLevelBelowTheAutomaticOneIsACeiling() {
            fixture.given(
                            purchase("o1", "2500.00", "2500.00"),
                            new LevelUpgradedEvent(ID, 1, 3, 3, Money.ofYuan("2500.00"), "purchase o1"))
                    .when(d -> LevelRules.adjust(d, 2, "probation", null))
                    .expectEvents(new LevelAdjustedEvent(ID, 2, ManualLevelMode.CEILING, null, "probation", 3, 2, 3));
        }

        @Test
        void underACeilingSpendingDoesNotRaiseTheLevel() {
            fixture.given(
                            purchase("o1", "2500.00", "2500.00"),
                            new LevelUpgradedEvent(ID, 1, 3, 3, Money.ofYuan("2500.00"), "purchase o1"),
                            new LevelAdjustedEvent(ID, 2, ManualLevelMode.CEILING, null, "probation", 3, 2, 3))
                    .when(d -> PurchaseRules.record(d, "o2", Money.ofYuan("100.00"), NOW))
                    .expectEvents(
                            new PurchaseRecordedEvent(ID, "o2", Money.ofYuan("100.00"), NOW, Money.ofYuan("2600.00")),
                            pendingLot(1, "o2", 100));
        }

        @Test
        void aRefundMovesTheLevelDown() {
            fixture.given(
                            purchase("o1", "600.00", "600.00"),
                            new LevelUpgradedEvent(ID, 1, 2, 2, Money.ofYuan("600.00"), "purchase o1"))
                    .when(d -> PurchaseRules.refund(d, "r1", "o1", Money.ofYuan("200.00")))
                    .expectEvents(
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("200.00"), Money.ofYuan("400.00")),
                            new LevelDowngradedEvent(ID, 2, 1, 1, Money.ofYuan("400.00"), "refund r1"));
        }

        @Test
        void theManualLevelInForceAskedForAgainChangesNothingWhateverTheReason() {
            Instant until = NOW.plus(Duration.ofDays(30));
            fixture.given(new LevelAdjustedEvent(ID, 3, ManualLevelMode.FLOOR, until, "promo", 1, 3, 1))
                    .when(d -> LevelRules.adjust(d, 3, "promo, asked again", until))
                    .expectNoEvents()
                    .expectResult(decided -> {
                        assertThat(decided.duplicate()).isTrue();
                        assertThat(decided.decision().manual().reason()).isEqualTo("promo");
                    });
        }

        @Test
        void anotherEndOrAFloorThatSpendingTurnedIntoACeilingIsANewAdjustment() {
            Instant until = NOW.plus(Duration.ofDays(30));
            Instant later = until.plus(Duration.ofDays(30));
            fixture.given(new LevelAdjustedEvent(ID, 3, ManualLevelMode.FLOOR, until, "promo", 1, 3, 1))
                    .when(d -> LevelRules.adjust(d, 3, "extended", later))
                    .expectEvents(new LevelAdjustedEvent(ID, 3, ManualLevelMode.FLOOR, later, "extended", 3, 3, 1));

            fixture.given(
                            purchase("o1", "6000.00", "6000.00"),
                            new LevelUpgradedEvent(ID, 3, 4, 4, Money.ofYuan("6000.00"), "purchase o1"))
                    .when(d -> LevelRules.adjust(d, 3, "extended", later))
                    .expectEvents(new LevelAdjustedEvent(ID, 3, ManualLevelMode.CEILING, later, "extended", 4, 3, 4));
        }

        @Test
        void refusesEndingAManualLevelThatIsNotThere() {
            fixture.when(d -> LevelRules.adjust(d, null, null, null)).expectRefusal(ErrorCode.NO_MANUAL_LEVEL);
        }

        @Test
        void refusesALevelThatDoesNotExist() {
            fixture.when(d -> LevelRules.adjust(d, 6, null, null)).expectRefusal(ErrorCode.INVALID_LEVEL);
        }

        @Test
        void refusesAnEndInThePast() {
            fixture.when(d -> LevelRules.adjust(d, 3, null, NOW)).expectRefusal(ErrorCode.INVALID_UNTIL);
        }
    }

    @Nested
    class DueTransitionsInTime {

        @Test
        void releasesPayOffDebtAndExpiriesCloseLotsInTheOrderTheyFellDue() {
            Instant until = RELEASE.plus(Duration.ofDays(1));
            fixture.given(
                            purchase("o1", "100.00", "100.00"),
                            new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("50.00"), Money.ofYuan("50.00")),
                            new PointsReversedEvent(ID, "r1", "o1", 10, List.of(), 10),
                            pendingLot(1, "o2", 100),
                            availableLot(2, RELEASE.minus(Duration.ofDays(1)), 5),
                            new LevelAdjustedEvent(ID, 3, ManualLevelMode.FLOOR, until, "promo", 1, 3, 1))
                    .at(until)
                    .when(DueTransitions::catchUp)
                    .expectEvents(
                            new PointsExpiredEvent(ID, 2, 5, false, RELEASE.minus(Duration.ofDays(1))),
                            new PointsReleasedEvent(ID, 1, 100, RELEASE, 10),
                            new LevelAdjustmentEndedEvent(ID, AdjustmentEnd.EXPIRED, null, until, 3, 1, 1));
            assertThat(fixture.state().balance().available()).isEqualTo(90);
            // the birthday (2 November) passed with its month: the next one due is next year's, before the expiry
            assertThat(fixture.nextDue()).isEqualTo(Instant.parse("2027-11-01T16:00:00Z"));
        }
    }

    @Nested
    class BirthdaysInTime {

        /** The start of 5 December 2026 in Shanghai. */
        private static final Instant BIRTHDAY_2026 = Instant.parse("2026-12-04T16:00:00Z");

        private RulesFixture born(LocalDate birthday) {
            return new RulesFixture(ID, RULES, SHANGHAI, NOW)
                    .given(new MemberRegisteredEvent(ID, profile(birthday), 1));
        }

        private PointsEarnedEvent birthdayLot(int lotNo, String year, Instant earnedAt) {
            Instant expiry = earnedAt.atZone(SHANGHAI).plusYears(2).toInstant();
            return new PointsEarnedEvent(ID, lotNo, PointsSource.BIRTHDAY, year, 100, false, null, expiry, 0);
        }

        @Test
        void grantsTheBirthdayPointsAtTheStartOfTheBirthdayInTheMembersZoneOncePerYear() {
            RulesFixture member = born(LocalDate.of(1990, 12, 5));
            assertThat(member.nextDue()).isEqualTo(BIRTHDAY_2026);

            member.at(BIRTHDAY_2026.minusSeconds(1))
                    .when(DueTransitions::catchUp)
                    .expectNoEvents();
            member.at(BIRTHDAY_2026).when(DueTransitions::catchUp).expectEvents(birthdayLot(1, "2026", BIRTHDAY_2026));
            member.at(BIRTHDAY_2026.plusSeconds(3600))
                    .when(DueTransitions::catchUp)
                    .expectNoEvents();
            assertThat(member.nextDue()).isEqualTo(Instant.parse("2027-12-04T16:00:00Z"));
        }

        @Test
        void catchesUpAMissedBirthdayUntilItsMonthEndsAndNotAfter() {
            Instant lastHourOfDecember = Instant.parse("2026-12-31T15:30:00Z");
            born(LocalDate.of(1990, 12, 5))
                    .at(lastHourOfDecember)
                    .when(DueTransitions::catchUp)
                    .expectEvents(birthdayLot(1, "2026", lastHourOfDecember));

            RulesFixture late = born(LocalDate.of(1990, 12, 5)).at(Instant.parse("2026-12-31T16:00:00Z"));
            late.when(DueTransitions::catchUp).expectNoEvents();
            assertThat(late.nextDue()).isEqualTo(Instant.parse("2027-12-04T16:00:00Z"));
        }

        @Test
        void pointsGrantedByHandEarlierInTheMonthAreNotGrantedAgain() {
            RulesFixture member = born(LocalDate.of(1990, 12, 5)).at(Instant.parse("2026-12-01T04:00:00Z"));
            member.when(d -> EarningRules.earn(d, EarnType.BIRTHDAY, null, LocalDate.of(1990, 12, 5)))
                    .expectEvents(birthdayLot(1, "2026", Instant.parse("2026-12-01T04:00:00Z")));
            assertThat(member.nextDue()).isEqualTo(Instant.parse("2027-12-04T16:00:00Z"));
            member.at(BIRTHDAY_2026).when(DueTransitions::catchUp).expectNoEvents();
        }

        @Test
        void frozenDeletedAndErasedMembersGetNoneAndAnUnfrozenOneCatchesUpWithinTheMonth() {
            RulesFixture frozen = born(LocalDate.of(1990, 12, 5)).given(new MemberFrozenEvent(ID, "fraud check"));
            assertThat(frozen.nextDue()).isNull();
            frozen.at(BIRTHDAY_2026).when(DueTransitions::catchUp).expectNoEvents();

            Instant unfrozenAt = Instant.parse("2026-12-10T02:00:00Z");
            frozen.at(unfrozenAt).given(new MemberUnfrozenEvent(ID, "cleared"));
            assertThat(frozen.nextDue()).isEqualTo(BIRTHDAY_2026);
            frozen.when(DueTransitions::catchUp).expectEvents(birthdayLot(1, "2026", unfrozenAt));

            assertThat(born(LocalDate.of(1990, 12, 5))
                            .given(new MemberDeletedEvent(ID, "left"))
                            .nextDue())
                    .isNull();
            assertThat(born(LocalDate.of(1990, 12, 5))
                            .given(new MemberErasedEvent(ID, "request"))
                            .nextDue())
                    .isNull();
        }

        @Test
        void the29thOfFebruaryIsCelebratedOnThe28thInOtherYears() {
            RulesFixture leapling = born(LocalDate.of(2000, 2, 29)).at(Instant.parse("2027-01-10T00:00:00Z"));
            assertThat(leapling.nextDue()).isEqualTo(Instant.parse("2027-02-27T16:00:00Z"));
            leapling.at(Instant.parse("2027-03-01T00:00:00Z")); // 1 March 08:00 in Shanghai: February has passed
            assertThat(leapling.nextDue()).isEqualTo(Instant.parse("2028-02-28T16:00:00Z"));
        }

        @Test
        void membersWithoutABirthdayHaveNoneDue() {
            assertThat(born(null).nextDue()).isNull();
        }
    }

    private static MemberProfile profile(LocalDate birthday) {
        return new MemberProfile(
                "Alice",
                "13800138000",
                null,
                Gender.UNDISCLOSED,
                birthday,
                MemberLocale.ZH_CN,
                null,
                null,
                List.of(),
                null,
                null);
    }

    private static PurchaseRecordedEvent purchase(String orderId, String yuan, String netSpendAfter) {
        return new PurchaseRecordedEvent(ID, orderId, Money.ofYuan(yuan), NOW, Money.ofYuan(netSpendAfter));
    }

    private static PointsEarnedEvent pendingLot(int lotNo, String orderId, long points) {
        return new PointsEarnedEvent(ID, lotNo, PointsSource.PURCHASE, orderId, points, true, RELEASE, EXPIRY, 0);
    }

    private static PointsAdjustedEvent availableLot(int lotNo, Instant expiresAt, long points) {
        return new PointsAdjustedEvent(ID, "lot-" + lotNo, points, null, lotNo, expiresAt, 0, List.of());
    }
}
