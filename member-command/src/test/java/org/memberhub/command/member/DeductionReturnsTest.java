package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.SpendPurpose;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;

/**
 * Points spent on an order come back with its refunds, in proportion, or all at once when its deduction is cancelled;
 * as new lots with the expiry of the lots they were taken from, the last taken first.
 */
class DeductionReturnsTest {

    private static final MemberId ID = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000002");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final Instant SOONER = Instant.parse("2027-01-10T04:00:00Z");
    private static final Instant LATER = Instant.parse("2028-06-01T04:00:00Z");

    private RulesFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RulesFixture(ID, LoyaltyRules.defaults(SHANGHAI), SHANGHAI, NOW);
        fixture.given(
                new MemberRegisteredEvent(ID, profile(), 1),
                lot(1, PointsSource.REVIEW, 30, SOONER),
                lot(2, PointsSource.CHECK_IN, 100, LATER),
                // 50 points paid for order o1: 30 from the lot that expires first, 20 from the next
                new PointsSpentEvent(
                        ID,
                        SpendPurpose.ORDER_DEDUCTION,
                        "o1",
                        50,
                        Money.ofYuan("100.00"),
                        Money.ofYuan("0.50"),
                        null,
                        List.of(new LotConsumption(1, 30, false), new LotConsumption(2, 20, false))));
    }

    @Test
    void aFullRefundGivesBackEverythingSpentWithTheOriginalExpiry() {
        fixture.given(purchase("o1", "100.00"))
                .when(d -> PurchaseRules.refund(d, "r1", "o1", Money.ofYuan("100.00")))
                .expectEvents(
                        new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("100.00"), Money.ZERO),
                        new SpentPointsReturnedEvent(
                                ID,
                                "o1",
                                "r1",
                                50,
                                0,
                                List.of(new ReturnedLot(3, 20, LATER, 0), new ReturnedLot(4, 30, SOONER, 0))))
                .expectResult(decided -> {
                    assertThat(decided.decision().pointsReturned()).isEqualTo(50);
                    assertThat(decided.decision().pointsExpired()).isZero();
                });
        assertThat(fixture.state().balance().available()).isEqualTo(130);
        assertThat(fixture.state().balance().lifetimeSpent()).isZero();
        assertThat(fixture.state().lots().get(4).source()).isEqualTo(PointsSource.REFUND);
        assertThat(fixture.state().lots().get(4).expiresAt()).isEqualTo(SOONER);
    }

    @Test
    void partialRefundsGiveBackTheirShareAndAddUpToExactlyWhatWasSpent() {
        fixture.given(purchase("o1", "100.00"));
        fixture.when(d -> PurchaseRules.refund(d, "r1", "o1", Money.ofYuan("33.33")))
                .expectResult(decided ->
                        assertThat(decided.decision().pointsReturned()).isEqualTo(16));
        fixture.when(d -> PurchaseRules.refund(d, "r2", "o1", Money.ofYuan("33.33")))
                .expectEvents(
                        new PurchaseRefundedEvent(ID, "r2", "o1", Money.ofYuan("33.33"), Money.ofYuan("33.34")),
                        new SpentPointsReturnedEvent(
                                ID,
                                "o1",
                                "r2",
                                17,
                                0,
                                List.of(new ReturnedLot(4, 4, LATER, 0), new ReturnedLot(5, 13, SOONER, 0))));
        fixture.when(d -> PurchaseRules.refund(d, "r3", "o1", Money.ofYuan("33.34")))
                .expectResult(decided ->
                        assertThat(decided.decision().pointsReturned()).isEqualTo(17));
        assertThat(fixture.state().balance().available()).isEqualTo(130);
        assertThat(fixture.state().spend(SpendPurpose.ORDER_DEDUCTION, "o1").outstanding())
                .isZero();
    }

    @Test
    void theShareOfALotThatHasExpiredSinceComesBackExpired() {
        fixture.given(purchase("o1", "100.00"))
                .at(SOONER.plusSeconds(1))
                .when(d -> PurchaseRules.refund(d, "r1", "o1", Money.ofYuan("100.00")))
                .expectEvents(
                        new PurchaseRefundedEvent(ID, "r1", "o1", Money.ofYuan("100.00"), Money.ZERO),
                        new SpentPointsReturnedEvent(ID, "o1", "r1", 20, 30, List.of(new ReturnedLot(3, 20, LATER, 0))))
                .expectResult(decided ->
                        assertThat(decided.decision().pointsExpired()).isEqualTo(30));
        assertThat(fixture.state().balance().lifetimeSpent()).isZero();
        assertThat(fixture.state().balance().lifetimeExpired()).isEqualTo(30);
    }

    @Test
    void aDeductionMadeAfterAPartialRefundPaysForWhatWasLeftOfTheOrder() {
        fixture.given(
                new PurchaseRecordedEvent(ID, "o2", Money.ofYuan("100.00"), NOW, Money.ofYuan("100.00")),
                new PurchaseRefundedEvent(ID, "ra", "o2", Money.ofYuan("50.00"), Money.ofYuan("50.00")));
        fixture.when(d -> SpendingRules.spendOnPurchase(d, "o2", 40))
                .expectResult(decided ->
                        assertThat(decided.decision().consumed()).containsExactly(new LotConsumption(2, 40, false)));
        fixture.when(d -> PurchaseRules.refund(d, "rb", "o2", Money.ofYuan("10.00")))
                .expectEvents(
                        new PurchaseRefundedEvent(ID, "rb", "o2", Money.ofYuan("10.00"), Money.ofYuan("40.00")),
                        new SpentPointsReturnedEvent(ID, "o2", "rb", 8, 0, List.of(new ReturnedLot(3, 8, LATER, 0))));
        fixture.when(d -> PurchaseRules.refund(d, "rc", "o2", Money.ofYuan("40.00")))
                .expectResult(decided ->
                        assertThat(decided.decision().pointsReturned()).isEqualTo(32));
    }

    @Test
    void aRefundOfAnOrderWithoutDeductionGivesNothingBack() {
        fixture.given(purchase("o2", "10.00"))
                .when(d -> PurchaseRules.refund(d, "r1", "o2", Money.ofYuan("10.00")))
                .expectEvents(new PurchaseRefundedEvent(ID, "r1", "o2", Money.ofYuan("10.00"), Money.ZERO));
    }

    @Test
    void cancellingADeductionGivesBackEverythingSpentOnIt() {
        fixture.when(d -> DeductionReturns.cancel(d, "o1"))
                .expectEvents(new SpentPointsReturnedEvent(
                        ID,
                        "o1",
                        null,
                        50,
                        0,
                        List.of(new ReturnedLot(3, 20, LATER, 0), new ReturnedLot(4, 30, SOONER, 0))))
                .expectResult(decided -> {
                    assertThat(decided.duplicate()).isFalse();
                    assertThat(decided.decision().pointsReturned()).isEqualTo(50);
                });
        assertThat(fixture.state().balance().available()).isEqualTo(130);
        assertThat(fixture.state().lots().get(3).source()).isEqualTo(PointsSource.CANCEL);
    }

    @Test
    void cancellingAgainIsADuplicate() {
        fixture.when(d -> DeductionReturns.cancel(d, "o1"));
        fixture.when(d -> DeductionReturns.cancel(d, "o1")).expectNoEvents().expectResult(decided -> {
            assertThat(decided.duplicate()).isTrue();
            assertThat(decided.decision().pointsReturned()).isEqualTo(50);
        });
    }

    @Test
    void returnedPointsPayOffDebtFirst() {
        fixture.given(new PointsReversedEvent(ID, "rx", "ox", 10, List.of(), 10))
                .when(d -> DeductionReturns.cancel(d, "o1"))
                .expectEvents(new SpentPointsReturnedEvent(
                        ID,
                        "o1",
                        null,
                        50,
                        0,
                        List.of(new ReturnedLot(3, 20, LATER, 10), new ReturnedLot(4, 30, SOONER, 0))));
        assertThat(fixture.state().debt()).isZero();
        assertThat(fixture.state().balance().available()).isEqualTo(120);
    }

    @Test
    void refusesToCancelTheDeductionOfACompletedOrder() {
        fixture.given(purchase("o1", "100.00"))
                .when(d -> DeductionReturns.cancel(d, "o1"))
                .expectRefusal(ErrorCode.ORDER_COMPLETED);
    }

    @Test
    void refusesToCancelADeductionThatWasNeverMade() {
        fixture.when(d -> DeductionReturns.cancel(d, "o9")).expectRefusal(ErrorCode.UNKNOWN_ORDER);
    }

    @Test
    void refusesToCancelWithoutAnOrderId() {
        fixture.when(d -> DeductionReturns.cancel(d, " ")).expectRefusal(ErrorCode.INVALID_REFERENCE);
    }

    private static PointsEarnedEvent lot(int lotNo, PointsSource source, long points, Instant expiresAt) {
        return new PointsEarnedEvent(ID, lotNo, source, "ref" + lotNo, points, false, null, expiresAt, 0);
    }

    private static PurchaseRecordedEvent purchase(String orderId, String amount) {
        return new PurchaseRecordedEvent(ID, orderId, Money.ofYuan(amount), NOW, Money.ofYuan(amount));
    }

    private static MemberProfile profile() {
        return new MemberProfile(
                "Li Lei",
                "13800000002",
                null,
                Gender.UNDISCLOSED,
                LocalDate.of(1990, 1, 2),
                MemberLocale.ZH_CN,
                null,
                null,
                List.of(),
                null,
                null);
    }
}
