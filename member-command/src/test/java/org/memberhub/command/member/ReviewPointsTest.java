package org.memberhub.command.member;

import static org.axonframework.test.matchers.Matchers.matches;
import static org.memberhub.command.testing.Refusals.refusedWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.command.benefit.InMemoryBenefitCatalogue;
import org.memberhub.kernel.benefit.LoyaltyRulesSource;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.LoyaltyOutcome;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.member.Gender;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberLocale;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.EarnDecision;
import org.memberhub.kernel.points.EarnPointsCommand;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;

/**
 * Review points and refunds (issue 15, item 11): a review earns nothing for an order refunded in full when the review
 * comes in; a partial refund leaves the order reviewable; a review paid before the refund stays paid, and repeating it
 * is a duplicate, not a refusal.
 */
class ReviewPointsTest {

    private static final MemberId ID = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final LoyaltyRules RULES = LoyaltyRules.defaults(SHANGHAI);
    private static final Instant RELEASE = Instant.parse("2026-11-30T04:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2028-11-23T04:00:00Z");

    private FixtureConfiguration<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(new InMemoryUniqueKeys());
        fixture.registerInjectableResource(new InMemoryDueSchedule());
        fixture.registerInjectableResource(Clock.fixed(NOW, SHANGHAI));
        fixture.registerInjectableResource(RULES);
        fixture.registerInjectableResource((LoyaltyRulesSource) () -> RULES);
        fixture.registerInjectableResource(new InMemoryBenefitCatalogue());
    }

    @Test
    void refusesAReviewOfAnOrderRefundedInFull() {
        fixture.given(history(
                        member(),
                        purchase("o1", "100.00"),
                        purchaseLot("o1", 100),
                        refund("r1", "o1", "100.00", "0", 100)))
                .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o1"))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_FULLY_REFUNDED));
    }

    @Test
    void refusesAReviewOfAnOrderWhosePartialRefundsAddUpToItsAmount() {
        fixture.given(history(
                        member(),
                        purchase("o1", "100.00"),
                        purchaseLot("o1", 100),
                        refund("r1", "o1", "60.00", "40.00", 60),
                        refund("r2", "o1", "40.00", "0", 40)))
                .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o1"))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_FULLY_REFUNDED));
    }

    @Test
    void aReviewAfterAPartialRefundStillEarns() {
        fixture.given(history(
                        member(),
                        purchase("o1", "100.00"),
                        purchaseLot("o1", 100),
                        refund("r1", "o1", "99.99", "0.01", 99)))
                .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o1"))
                .expectEvents(new PointsEarnedEvent(ID, 2, PointsSource.REVIEW, "o1", 10, false, null, EXPIRY, 0));
    }

    @Test
    void aReviewPaidBeforeTheFullRefundIsADuplicateWhenRepeated() {
        fixture.given(history(
                        member(),
                        purchase("o1", "100.00"),
                        purchaseLot("o1", 100),
                        new PointsEarnedEvent(ID, 2, PointsSource.REVIEW, "o1", 10, false, null, EXPIRY, 0),
                        refund("r1", "o1", "100.00", "0", 100)))
                .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o1"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches(result -> result instanceof LoyaltyOutcome<?> outcome
                        && outcome.duplicate()
                        && outcome.decision() instanceof EarnDecision earned
                        && earned.points() == 10));
    }

    @Test
    void refusesAReviewOfAnOrderNeverPurchased() {
        fixture.given(history(member(), purchase("o1", "100.00"), purchaseLot("o1", 100)))
                .when(new EarnPointsCommand(ID, EarnType.REVIEW, "o2"))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.UNKNOWN_ORDER));
    }

    /** The events in order, a refund's two events in its place. */
    private static List<Object> history(Object... events) {
        List<Object> history = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof Object[] several) {
                history.addAll(List.of(several));
            } else {
                history.add(event);
            }
        }
        return history;
    }

    private static MemberRegisteredEvent member() {
        return new MemberRegisteredEvent(
                ID,
                new MemberProfile(
                        "Alice",
                        "13800138000",
                        null,
                        Gender.UNDISCLOSED,
                        null,
                        MemberLocale.ZH_CN,
                        null,
                        null,
                        List.of(),
                        null,
                        null),
                1);
    }

    private static PurchaseRecordedEvent purchase(String orderId, String yuan) {
        return new PurchaseRecordedEvent(ID, orderId, Money.ofYuan(yuan), NOW, Money.ofYuan(yuan));
    }

    private static PointsEarnedEvent purchaseLot(String orderId, long points) {
        return new PointsEarnedEvent(ID, 1, PointsSource.PURCHASE, orderId, points, true, RELEASE, EXPIRY, 0);
    }

    /** A refund and the purchase points it takes back from the order's pending lot (lot 1). */
    private static Object[] refund(String refundId, String orderId, String yuan, String netSpendAfter, long points) {
        return new Object[] {
            new PurchaseRefundedEvent(ID, refundId, orderId, Money.ofYuan(yuan), Money.ofYuan(netSpendAfter)),
            new PointsReversedEvent(ID, refundId, orderId, points, List.of(new LotConsumption(1, points, true)), 0)
        };
    }
}
