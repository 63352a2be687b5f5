package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.fold.LotState;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.fold.SpendState;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.LoyaltyRules;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsBalance;
import org.memberhub.kernel.loyalty.TimeSpan;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.LedgerChange;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.SpendPurpose;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;

/**
 * Random histories of purchases, refunds, earnings, spends, adjustments, manual levels and passing time, checked
 * after every step against the invariants of the points and level rules: the rules of this package deciding, the
 * kernel's {@link MemberFold} folding what they decided, the way the Member aggregate does.
 */
class LoyaltyRulesProperties {

    private static final MemberId MEMBER = MemberId.of("0190f2a4-1c3e-7a00-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-06-15T04:00:00Z");
    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final LocalDate BIRTHDAY = LocalDate.of(1990, 6, 1);
    private static final MemberProfile PROFILE =
            new MemberProfile("Prop", "13800138000", null, null, BIRTHDAY, null, null, null, List.of(), null, null);

    /** Short spans so that histories of a few minutes see lots released and expired. */
    private static final LoyaltyRules RULES = new LoyaltyRules(
            LoyaltyRules.DEFAULT_LEVELS,
            BigDecimal.ONE,
            TimeSpan.of("PT10S"),
            TimeSpan.of("PT60S"),
            10,
            5,
            100,
            100,
            new BigDecimal("0.5"),
            ZONE);

    sealed interface Step {}

    record Purchase(int order, long amountFen, int secondsAgo) implements Step {}

    /** Refunds {@code percent} of what is left to refund of the order (over 100: more than is left). */
    record Refund(int refund, int order, int percent) implements Step {}

    /** Spends {@code percent} of the available points (over 100: more than there is). */
    record SpendOnOrder(int order, long orderAmountFen, int percent) implements Step {}

    record Redeem(int redemption, int percent) implements Step {}

    /** Cancels the deduction of an order (refused once the order's purchase is recorded). */
    record CancelDeduction(int order) implements Step {}

    record Adjust(int adjustment, long delta) implements Step {}

    record Earn(EarnType type, int order) implements Step {}

    record AdjustLevel(Integer level, Integer untilSeconds) implements Step {}

    record PassTime(int seconds) implements Step {}

    /** Sends again the n-th command that was accepted before. */
    record Replay(int index) implements Step {}

    /** What a property checks after every step of a history. */
    enum Check {
        LOTS,
        LEDGER,
        FIFO,
        REPLAY,
        LEVEL,
        TRANSITIONS
    }

    @Property(tries = 1000)
    void availableIsOpenLotsMinusDebtAndNoLotGoesNegative(@ForAll("histories") List<Step> history) {
        play(history, Check.LOTS);
    }

    @Property(tries = 1000)
    void ledgerSumsToTheBalance(@ForAll("histories") List<Step> history) {
        play(history, Check.LEDGER);
    }

    @Property(tries = 1000)
    void spendingTakesTheLotsThatExpireFirst(@ForAll("histories") List<Step> history) {
        play(history, Check.FIFO);
    }

    @Property(tries = 1000)
    void replayedCommandsChangeNothingAndAnswerAsBefore(@ForAll("histories") List<Step> history) {
        play(history, Check.REPLAY);
    }

    @Property(tries = 1000)
    void levelFollowsNetSpendAndTheManualLevelRule(@ForAll("histories") List<Step> history) {
        play(history, Check.LEVEL);
    }

    @Property(tries = 1000)
    void releasesExpiriesAndLevelEndsHappenOnceWhenDue(@ForAll("histories") List<Step> history) {
        Harness harness = play(history, Check.TRANSITIONS);
        assertThat(harness.state.balance().pending()).isZero();
        Instant nextDue = DueTransitions.nextDueAt(harness.deciding());
        assertThat(nextDue == null || nextDue.isAfter(harness.now))
                .as("only a birthday still to come is due")
                .isTrue();
    }

    /** The histories must keep reaching the interesting cases, or the properties above prove little. */
    @Property(tries = 1000)
    void historiesReachTheInterestingCases(@ForAll("histories") List<Step> history) {
        Harness harness = play(history, Check.values());
        Statistics.label("refund taken from pending points")
                .collect(harness.seen(e -> e instanceof PointsReversedEvent r
                        && r.consumed().stream().anyMatch(LotConsumption::pending)));
        Statistics.label("refund leaving a debt")
                .collect(harness.seen(e -> e instanceof PointsReversedEvent r && r.debtIncurred() > 0));
        Statistics.label("debt paid off by new points")
                .collect(harness.seen(e -> e instanceof PointsEarnedEvent earned && earned.debtSettled() > 0
                        || e instanceof PointsReleasedEvent released && released.debtSettled() > 0));
        Statistics.label("spend across several lots")
                .collect(harness.seen(e ->
                        e instanceof PointsSpentEvent spent && spent.consumed().size() > 1));
        Statistics.label("spent points returned")
                .collect(harness.seen(e -> e instanceof SpentPointsReturnedEvent r && r.points() > 0));
        Statistics.label("lot expired").collect(harness.seen(PointsExpiredEvent.class::isInstance));
        Statistics.label("level moved")
                .collect(harness.seen(e -> e instanceof LevelUpgradedEvent || e instanceof LevelDowngradedEvent));
        Statistics.label("manual level ended").collect(harness.seen(LevelAdjustmentEndedEvent.class::isInstance));
        Statistics.label("command replayed").collect(harness.replays > 0);
        for (String label : List.of(
                "refund taken from pending points",
                "refund leaving a debt",
                "debt paid off by new points",
                "spend across several lots",
                "spent points returned",
                "lot expired",
                "level moved",
                "manual level ended",
                "command replayed")) {
            Statistics.label(label).coverage(coverage -> coverage.check(true).percentage(p -> p >= 0.5));
        }
    }

    /** Plays a history, then lets every lot run out, checking after each step. */
    private static Harness play(List<Step> history, Check... checks) {
        Harness harness = new Harness(EnumSet.copyOf(List.of(checks)));
        for (Step step : history) {
            harness.run(step);
            harness.check();
        }
        harness.run(new PassTime(200));
        harness.check();
        return harness;
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> order = Arbitraries.integers().between(0, 7);
        Arbitrary<Long> fen = Arbitraries.longs().between(1, 1_500_000);
        Arbitrary<Step> purchase = Combinators.combine(
                        order, fen, Arbitraries.integers().between(0, 30))
                .as(Purchase::new);
        Arbitrary<Integer> percent = Arbitraries.integers().between(1, 110);
        Arbitrary<Step> refund = Combinators.combine(Arbitraries.integers().between(0, 11), order, percent)
                .as(Refund::new);
        Arbitrary<Step> spend = Combinators.combine(order, fen, percent).as(SpendOnOrder::new);
        Arbitrary<Step> redeem = Combinators.combine(Arbitraries.integers().between(0, 7), percent)
                .as(Redeem::new);
        Arbitrary<Step> adjust = Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.longs().between(-3_000, 3_000).filter(delta -> delta != 0))
                .as(Adjust::new);
        Arbitrary<Step> earn =
                Combinators.combine(Arbitraries.of(EarnType.class), order).as(Earn::new);
        Arbitrary<Step> adjustLevel = Combinators.combine(
                        Arbitraries.integers().between(1, 5).injectNull(0.2),
                        Arbitraries.integers().between(1, 90).injectNull(0.3))
                .as(AdjustLevel::new);
        Arbitrary<Step> cancel = order.map(CancelDeduction::new);
        Arbitrary<Step> passTime = Arbitraries.integers().between(1, 45).map(PassTime::new);
        Arbitrary<Step> replay = Arbitraries.integers().between(0, 40).map(Replay::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, purchase),
                        Tuple.of(4, refund),
                        Tuple.of(3, spend),
                        Tuple.of(2, redeem),
                        Tuple.of(1, cancel),
                        Tuple.of(2, adjust),
                        Tuple.of(3, earn),
                        Tuple.of(1, adjustLevel),
                        Tuple.of(4, passTime),
                        Tuple.of(3, replay))
                .list()
                .ofMinSize(1)
                .ofMaxSize(60);
    }

    /** A command that was accepted, and what it decided. */
    private record Accepted(Function<Deciding, Decided<?>> send, Object decision) {}

    /** Runs steps against one member the way the aggregate does: catch up first, then decide. */
    private static final class Harness {

        final MemberFold state = new MemberFold();
        final Set<Check> checks;
        final List<Object> events = new ArrayList<>();
        final List<Accepted> accepted = new ArrayList<>();
        final Map<Integer, Integer> expiries = new HashMap<>();
        final Set<Integer> releases = new HashSet<>();
        final Map<String, Long> refundable = new HashMap<>();
        Instant now = T0;
        int replays;

        Harness(Set<Check> checks) {
            this.checks = checks;
            state.apply(new MemberRegisteredEvent(MEMBER, PROFILE, 1), T0);
        }

        boolean seen(java.util.function.Predicate<Object> kind) {
            return events.stream().anyMatch(kind);
        }

        private final Consumer<Object> apply = this::apply;

        Deciding deciding() {
            return new Deciding(MEMBER, state, RULES, ZONE, now, apply);
        }

        void run(Step step) {
            if (step instanceof PassTime pass) {
                now = now.plusSeconds(pass.seconds());
                DueTransitions.catchUp(deciding());
                return;
            }
            DueTransitions.catchUp(deciding());
            if (step instanceof Replay replay) {
                if (!accepted.isEmpty()) {
                    replay(accepted.get(replay.index() % accepted.size()));
                }
                return;
            }
            Function<Deciding, Decided<?>> command = command(step, now);
            int before = events.size();
            try {
                Decided<?> first = command.apply(deciding());
                if (!first.duplicate() && idempotent(step)) {
                    Accepted done = new Accepted(command, first.decision());
                    accepted.add(done);
                    replay(done);
                }
            } catch (DomainException refused) {
                assertThat(events).as("a refused command appends nothing").hasSize(before);
            }
        }

        private void replay(Accepted command) {
            int before = events.size();
            Decided<?> again = command.send().apply(deciding());
            replays++;
            if (checks.contains(Check.REPLAY)) {
                assertThat(events).as("a replayed command appends nothing").hasSize(before);
                assertThat(again.duplicate()).isTrue();
                assertThat(again.decision())
                        .as("a replay answers as the first time")
                        .isEqualTo(command.decision());
            }
        }

        private static boolean idempotent(Step step) {
            return !(step instanceof AdjustLevel);
        }

        private Function<Deciding, Decided<?>> command(Step step, Instant at) {
            if (step instanceof Purchase p) {
                return d -> PurchaseRules.record(
                        d, "order-" + p.order(), new Money(p.amountFen()), at.minusSeconds(p.secondsAgo()));
            }
            if (step instanceof Refund r) {
                Money amount =
                        new Money(Math.max(1, refundable.getOrDefault("order-" + r.order(), 1L) * r.percent() / 100));
                return d -> PurchaseRules.refund(d, "refund-" + r.refund(), "order-" + r.order(), amount);
            }
            if (step instanceof SpendOnOrder s) {
                long points = share(s.percent());
                // the orders purchases are recorded for, so that refunds give back what was spent on them
                return d -> SpendingRules.spendOnOrder(d, "order-" + s.order(), new Money(s.orderAmountFen()), points);
            }
            if (step instanceof CancelDeduction c) {
                return d -> DeductionReturns.cancel(d, "order-" + c.order());
            }
            if (step instanceof Redeem r) {
                long points = share(r.percent());
                return d -> SpendingRules.redeem(d, "redemption-" + r.redemption(), "product-1", points);
            }
            if (step instanceof Adjust a) {
                return d -> PointsAdjustmentRules.adjust(d, "adjustment-" + a.adjustment(), a.delta(), "test");
            }
            if (step instanceof Earn e) {
                return d -> EarningRules.earn(d, e.type(), "order-" + e.order(), BIRTHDAY);
            }
            if (step instanceof AdjustLevel l) {
                Instant until = l.untilSeconds() == null ? null : at.plusSeconds(l.untilSeconds());
                return d -> LevelRules.adjust(d, l.level(), "test", until);
            }
            throw new IllegalArgumentException(step.toString());
        }

        /** A share of the available points, at least one. */
        private long share(int percent) {
            return Math.max(1, state.balance().available() * percent / 100);
        }

        private void apply(Object event) {
            if (event instanceof PurchaseRecordedEvent recorded) {
                refundable.put(recorded.orderId(), recorded.amount().fen());
            }
            if (event instanceof PurchaseRefundedEvent refunded) {
                refundable.merge(refunded.orderId(), -refunded.amount().fen(), Long::sum);
            }
            if (checks.contains(Check.FIFO) && event instanceof PointsSpentEvent spent) {
                assertThat(spent.consumed())
                        .as("spending takes the lots that expire first")
                        .isEqualTo(fifo(spent.points()));
            }
            if (checks.contains(Check.TRANSITIONS) && event instanceof PointsExpiredEvent expired) {
                assertThat(expiries.merge(expired.lotNo(), 1, Integer::sum))
                        .as("a lot expires once")
                        .isEqualTo(1);
                assertThat(expired.dueAt()).isBeforeOrEqualTo(now);
            }
            if (checks.contains(Check.TRANSITIONS) && event instanceof PointsReleasedEvent released) {
                assertThat(releases.add(released.lotNo()))
                        .as("a lot is released once")
                        .isTrue();
            }
            if (checks.contains(Check.LOTS) && event instanceof SpentPointsReturnedEvent returned) {
                SpendState spend = state.spend(SpendPurpose.ORDER_DEDUCTION, returned.orderId());
                assertThat(returned.points() + returned.expired())
                        .as("no more comes back than was spent")
                        .isPositive()
                        .isLessThanOrEqualTo(spend.outstanding());
                assertThat(returned.lots())
                        .as("returned points keep an expiry still to come")
                        .allSatisfy(lot -> assertThat(lot.expiresAt()).isAfter(now));
            }
            events.add(event);
            if (!state.apply(event, now)) {
                throw new IllegalStateException("unexpected event " + event);
            }
        }

        /** What spending {@code points} must take: the available lots in order of expiry, greedily. */
        private List<LotConsumption> fifo(long points) {
            List<LotConsumption> expected = new ArrayList<>();
            long left = points;
            for (LotState lot : state.lots().inSpendingOrder()) {
                if (left == 0) {
                    break;
                }
                if (!lot.pending()) {
                    long take = Math.min(left, lot.remaining());
                    expected.add(new LotConsumption(lot.lotNo(), take, false));
                    left -= take;
                }
            }
            return expected;
        }

        void check() {
            if (checks.contains(Check.LOTS)) {
                checkLots();
            }
            if (checks.contains(Check.LEDGER)) {
                checkLedger();
            }
            if (checks.contains(Check.LEVEL)) {
                checkLevel();
            }
            if (checks.contains(Check.TRANSITIONS)) {
                Instant nextDue = DueTransitions.nextDueAt(deciding());
                assertThat(nextDue == null || nextDue.isAfter(now))
                        .as("nothing due is left unapplied")
                        .isTrue();
            }
        }

        private void checkLots() {
            PointsBalance balance = state.balance();
            List<LotState> lots = state.lots().inSpendingOrder();

            assertThat(lots).allSatisfy(lot -> assertThat(lot.remaining()).isPositive());
            long openAvailable = lots.stream()
                    .filter(lot -> !lot.pending())
                    .mapToLong(LotState::remaining)
                    .sum();
            long openPending = lots.stream()
                    .filter(LotState::pending)
                    .mapToLong(LotState::remaining)
                    .sum();
            assertThat(balance.debt()).isNotNegative();
            assertThat(balance.available())
                    .as("available = open lots - debt")
                    .isEqualTo(openAvailable - balance.debt());
            assertThat(balance.pending()).isEqualTo(openPending);
            if (balance.debt() > 0) {
                assertThat(openAvailable)
                        .as("debt is paid off before points stay available")
                        .isZero();
            }
        }

        private void checkLedger() {
            PointsBalance balance = state.balance();
            long ledgerAvailable = 0;
            long ledgerPending = 0;
            for (Object event : events) {
                LedgerChange change = LedgerChange.of(event).orElse(new LedgerChange(0, 0));
                ledgerAvailable += change.available();
                ledgerPending += change.pending();
            }
            assertThat(ledgerAvailable)
                    .as("the ledger sums to the available balance")
                    .isEqualTo(balance.available());
            assertThat(ledgerPending)
                    .as("the ledger sums to the pending balance")
                    .isEqualTo(balance.pending());
            assertThat(balance.available() + balance.pending())
                    .isEqualTo(balance.lifetimeEarned()
                            - balance.lifetimeSpent()
                            - balance.lifetimeExpired()
                            - balance.lifetimeReversed()
                            + balance.lifetimeAdjusted());
        }

        private void checkLevel() {
            Money netSpend = state.levelStatus().netSpend();
            long purchased = events.stream()
                    .filter(PurchaseRecordedEvent.class::isInstance)
                    .mapToLong(e -> ((PurchaseRecordedEvent) e).amount().fen())
                    .sum();
            long refunded = events.stream()
                    .filter(PurchaseRefundedEvent.class::isInstance)
                    .mapToLong(e -> ((PurchaseRefundedEvent) e).amount().fen())
                    .sum();
            assertThat(netSpend.fen()).isEqualTo(purchased - refunded);
            int automatic = RULES.levelFor(netSpend);
            ManualLevel manual = state.levelStatus().manual();
            int expectedLevel = manual == null
                    ? automatic
                    : manual.mode() == ManualLevelMode.FLOOR
                            ? Math.max(manual.level(), automatic)
                            : Math.min(manual.level(), automatic);
            assertThat(state.level())
                    .as("level follows net spend and the manual rule")
                    .isEqualTo(expectedLevel);
        }
    }
}
