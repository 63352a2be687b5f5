package org.memberhub.kernel.loyalty;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDecision;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelStatus;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.AdjustmentDecision;
import org.memberhub.kernel.points.DueTransitionsDecision;
import org.memberhub.kernel.points.EarnDecision;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseDecision;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.RefundDecision;
import org.memberhub.kernel.points.SpendDecision;
import org.memberhub.kernel.points.SpendPurpose;

/**
 * A member's purchases, points and level: the loyalty part of the Member aggregate, kept apart as plain Java so that
 * its rules can be exercised directly (property tests drive it with thousands of random histories) and so that the
 * query side can rebuild a member's loyalty state as of any instant from the same events.
 *
 * <p>Every decision method checks, then emits events through {@code apply}, which must apply each event to this
 * account (through {@code on}) before the next is decided; in the aggregate that is {@code AggregateLifecycle.apply}.
 * Only the {@code on} methods change state.
 *
 * <p>Points live in lots. A purchase lot is pending until the return window has passed; spending and claw-backs take
 * from the available lot that expires first. Debt (points clawed back after they were spent) is paid off first by
 * any points that become available. So {@code available = open available lots − debt}, and a debt can only exist
 * while no available lot is open.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public final class LoyaltyAccount {

    /** How far in the future a purchase may say it happened, for clocks that are slightly off. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    static final int MAX_REFERENCE_LENGTH = 64;

    private final Map<String, Purchase> purchases = new HashMap<>();
    private final Map<String, Refund> refunds = new HashMap<>();
    private final Map<String, Spend> spends = new HashMap<>();
    private final Map<String, Earning> earnings = new HashMap<>();
    private final Map<String, Adjustment> adjustments = new HashMap<>();
    private final TreeMap<Integer, Lot> lots = new TreeMap<>();
    private int lastLotNo;
    private long debt;
    private long earned;
    private long spent;
    private long expired;
    private long reversed;
    private long adjusted;
    private long netSpendFen;
    private int level = 1;
    private ManualLevel manual;

    /** One decision and whether it repeats an earlier one (an idempotent replay). */
    public record Result<D>(D decision, boolean duplicate) {}

    record Purchase(
            String orderId,
            long amountFen,
            Instant occurredAt,
            long refundedFen,
            long pointsEarned,
            long pointsReversed,
            Integer lotNo,
            boolean pending,
            Instant releaseAt) {

        Purchase(String orderId, long amountFen, Instant occurredAt) {
            this(orderId, amountFen, occurredAt, 0, 0, 0, null, false, null);
        }

        Purchase refunded(long fen) {
            return new Purchase(
                    orderId,
                    amountFen,
                    occurredAt,
                    refundedFen + fen,
                    pointsEarned,
                    pointsReversed,
                    lotNo,
                    pending,
                    releaseAt);
        }

        Purchase earned(long points, int lot, boolean isPending, Instant release) {
            return new Purchase(
                    orderId, amountFen, occurredAt, refundedFen, points, pointsReversed, lot, isPending, release);
        }

        Purchase reversed(long points) {
            return new Purchase(
                    orderId,
                    amountFen,
                    occurredAt,
                    refundedFen,
                    pointsEarned,
                    pointsReversed + points,
                    lotNo,
                    pending,
                    releaseAt);
        }

        /** Whether a purchase command repeats this one: same amount and, when it declares one, the same time. */
        boolean sameAs(long fen, Instant declaredAt) {
            return amountFen == fen && (declaredAt == null || declaredAt.equals(occurredAt));
        }
    }

    record Refund(String refundId, String orderId, long amountFen, long pointsReversed, long debtIncurred) {}

    /** A lot of points: earned together, released together, expiring together. */
    public record Lot(
            int lotNo,
            PointsSource source,
            String reference,
            long points,
            long remaining,
            boolean pending,
            Instant releaseAt,
            Instant expiresAt) {}

    record Spend(
            SpendPurpose purpose,
            String reference,
            long points,
            long orderAmountFen,
            long valueFen,
            String productId,
            List<LotConsumption> consumed) {}

    record Earning(long points, Integer lotNo) {}

    record Adjustment(long delta, String reason, Integer lotNo, List<LotConsumption> consumed) {}

    private enum DueKind {
        RELEASE,
        EXPIRE,
        LEVEL_END
    }

    private record Due(Instant at, DueKind kind, int lotNo) {}

    private static final Comparator<Due> DUE_ORDER =
            Comparator.comparing(Due::at).thenComparing(Due::kind).thenComparingInt(Due::lotNo);

    private static final Comparator<Lot> SPENDING_ORDER =
            Comparator.comparing(Lot::expiresAt).thenComparingInt(Lot::lotNo);

    // ---------------------------------------------------------------- decisions

    public void register(int initialLevel) {
        level = initialLevel;
    }

    public Result<PurchaseDecision> recordPurchase(
            MemberId id,
            String orderId,
            Money amount,
            Instant declaredAt,
            Instant now,
            LoyaltyRules rules,
            ZoneId zone,
            Consumer<Object> apply) {
        requireReference(orderId);
        Purchase known = purchases.get(orderId);
        if (known != null) {
            if (!known.sameAs(amount.fen(), declaredAt)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, orderId);
            }
            return new Result<>(purchaseDecision(known), true);
        }
        if (amount.isZero()) {
            throw new DomainException(ErrorCode.INVALID_AMOUNT, amount);
        }
        Instant occurredAt = declaredAt == null ? now : declaredAt;
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new DomainException(ErrorCode.OCCURRED_IN_FUTURE, occurredAt);
        }
        long points = rules.purchasePoints(amount, level);
        Instant releaseAt = rules.returnWindow().addTo(occurredAt, zone);
        apply.accept(new PurchaseRecordedEvent(id, orderId, amount, occurredAt, new Money(netSpendFen + amount.fen())));
        if (points > 0) {
            earn(
                    id,
                    PointsSource.PURCHASE,
                    orderId,
                    points,
                    releaseAt.isAfter(now) ? releaseAt : null,
                    now,
                    rules,
                    zone,
                    apply);
        }
        reevaluateLevel(id, "purchase " + orderId, rules, apply);
        return new Result<>(purchaseDecision(purchases.get(orderId)), false);
    }

    public Result<RefundDecision> refund(
            MemberId id, String refundId, String orderId, Money amount, LoyaltyRules rules, Consumer<Object> apply) {
        requireReference(refundId);
        requireReference(orderId);
        Refund known = refunds.get(refundId);
        if (known != null) {
            if (!known.orderId().equals(orderId) || known.amountFen() != amount.fen()) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, refundId);
            }
            return new Result<>(refundDecision(known), true);
        }
        if (amount.isZero()) {
            throw new DomainException(ErrorCode.INVALID_AMOUNT, amount);
        }
        Purchase purchase = purchases.get(orderId);
        if (purchase == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORDER, orderId);
        }
        long refundableFen = purchase.amountFen() - purchase.refundedFen();
        if (amount.fen() > refundableFen) {
            throw new DomainException(ErrorCode.REFUND_EXCEEDS_PURCHASE, amount, orderId, new Money(refundableFen));
        }
        apply.accept(new PurchaseRefundedEvent(id, refundId, orderId, amount, new Money(netSpendFen - amount.fen())));

        // the share of the order's points that the refunded share of its amount earned; computed on the totals so
        // that partial refunds adding up to the whole order take back exactly what the order earned
        long shareOfPoints =
                proportion(purchase.pointsEarned(), purchase.refundedFen() + amount.fen(), purchase.amountFen());
        long toReverse = shareOfPoints - purchase.pointsReversed();
        if (toReverse > 0) {
            List<LotConsumption> consumed = new ArrayList<>();
            long left = toReverse;
            Lot own = purchase.lotNo() == null ? null : lots.get(purchase.lotNo());
            if (own != null) {
                long take = Math.min(left, own.remaining());
                consumed.add(new LotConsumption(own.lotNo(), take, own.pending()));
                left -= take;
            }
            left = takeAvailable(left, own == null ? null : own.lotNo(), consumed);
            apply.accept(new PointsReversedEvent(id, refundId, orderId, toReverse, List.copyOf(consumed), left));
        }
        reevaluateLevel(id, "refund " + refundId, rules, apply);
        return new Result<>(refundDecision(refunds.get(refundId)), false);
    }

    public Result<EarnDecision> earn(
            MemberId id,
            EarnType type,
            String orderId,
            LocalDate birthday,
            Instant now,
            LoyaltyRules rules,
            ZoneId zone,
            Consumer<Object> apply) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        String reference;
        long points;
        switch (type) {
            case REVIEW -> {
                requireReference(orderId);
                reference = orderId;
                points = rules.reviewPoints();
            }
            case CHECK_IN -> {
                reference = today.toString();
                points = rules.checkInPoints();
            }
            case BIRTHDAY -> {
                reference = Integer.toString(today.getYear());
                points = rules.birthdayPoints();
            }
            default -> throw new IllegalArgumentException("unknown earning " + type);
        }
        Earning known = earnings.get(earningKey(PointsSource.valueOf(type.name()), reference));
        if (known != null) {
            return new Result<>(new EarnDecision(type, reference, known.points(), known.lotNo()), true);
        }
        if (type == EarnType.REVIEW) {
            requireReviewable(orderId);
        }
        if (type == EarnType.BIRTHDAY) {
            if (birthday == null) {
                throw new DomainException(ErrorCode.NO_BIRTHDAY);
            }
            if (birthday.getMonth() != today.getMonth()) {
                throw new DomainException(ErrorCode.NOT_BIRTHDAY_MONTH, birthday.getMonthValue());
            }
        }
        if (points == 0) {
            return new Result<>(new EarnDecision(type, reference, 0, null), false);
        }
        int lotNo = earn(id, PointsSource.valueOf(type.name()), reference, points, null, now, rules, zone, apply);
        return new Result<>(new EarnDecision(type, reference, points, lotNo), false);
    }

    /**
     * A review earns points for an order the member purchased and still holds at least in part: an order refunded in
     * full when the review comes in earns nothing, one refunded in part still does (SPEC §3: once per purchased order).
     */
    private void requireReviewable(String orderId) {
        Purchase purchase = purchases.get(orderId);
        if (purchase == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORDER, orderId);
        }
        if (purchase.refundedFen() >= purchase.amountFen()) {
            throw new DomainException(ErrorCode.ORDER_FULLY_REFUNDED, orderId);
        }
    }

    public Result<SpendDecision> spendOnOrder(
            MemberId id, String orderId, Money orderAmount, long points, LoyaltyRules rules, Consumer<Object> apply) {
        requireReference(orderId);
        Spend known = spends.get(spendKey(SpendPurpose.ORDER_DEDUCTION, orderId));
        if (known != null) {
            if (known.points() != points || known.orderAmountFen() != orderAmount.fen()) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, orderId);
            }
            return new Result<>(spendDecision(known), true);
        }
        requirePositive(points);
        if (orderAmount.isZero()) {
            throw new DomainException(ErrorCode.INVALID_AMOUNT, orderAmount);
        }
        long limit = rules.maxDeductionPoints(orderAmount);
        if (points > limit) {
            throw new DomainException(ErrorCode.DEDUCTION_LIMIT_EXCEEDED, points, limit);
        }
        requireAvailable(points);
        List<LotConsumption> consumed = new ArrayList<>();
        takeAvailable(points, null, consumed);
        apply.accept(new PointsSpentEvent(
                id,
                SpendPurpose.ORDER_DEDUCTION,
                orderId,
                points,
                orderAmount,
                rules.deductionValue(points),
                null,
                List.copyOf(consumed)));
        return new Result<>(spendDecision(spends.get(spendKey(SpendPurpose.ORDER_DEDUCTION, orderId))), false);
    }

    /**
     * Spends points on a purchase the member made, with the deduction limit taken from the purchase as recorded (its
     * amount less what was refunded) rather than from the caller; a repeat with the same points is a duplicate.
     */
    public Result<SpendDecision> spendOnPurchase(
            MemberId id, String orderId, long points, LoyaltyRules rules, Consumer<Object> apply) {
        requireReference(orderId);
        Spend known = spends.get(spendKey(SpendPurpose.ORDER_DEDUCTION, orderId));
        if (known != null) {
            if (known.points() != points) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, orderId);
            }
            return new Result<>(spendDecision(known), true);
        }
        Purchase purchase = purchases.get(orderId);
        if (purchase == null) {
            throw new DomainException(ErrorCode.UNKNOWN_ORDER, orderId);
        }
        Money paid = new Money(purchase.amountFen() - purchase.refundedFen());
        if (paid.isZero()) {
            throw new DomainException(ErrorCode.DEDUCTION_LIMIT_EXCEEDED, points, 0);
        }
        return spendOnOrder(id, orderId, paid, points, rules, apply);
    }

    public Result<SpendDecision> redeem(
            MemberId id, String redemptionId, String productId, long points, Consumer<Object> apply) {
        requireReference(redemptionId);
        requireReference(productId);
        Spend known = spends.get(spendKey(SpendPurpose.REDEMPTION, redemptionId));
        if (known != null && known.points() != points) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, redemptionId);
        }
        return spendOnProduct(id, SpendPurpose.REDEMPTION, redemptionId, productId, points, apply);
    }

    /**
     * Credits the reward of an activity the member joined, as an available lot; the same activity again changes
     * nothing.
     */
    public Result<EarnDecision> rewardActivity(
            MemberId id,
            String activityId,
            long points,
            Instant now,
            LoyaltyRules rules,
            ZoneId zone,
            Consumer<Object> apply) {
        requireReference(activityId);
        Earning known = earnings.get(earningKey(PointsSource.ACTIVITY, activityId));
        if (known != null) {
            return new Result<>(new EarnDecision(null, activityId, known.points(), known.lotNo()), true);
        }
        requirePositive(points);
        int lotNo = earn(id, PointsSource.ACTIVITY, activityId, points, null, now, rules, zone, apply);
        return new Result<>(new EarnDecision(null, activityId, points, lotNo), false);
    }

    /** Pays a benefit's price from the lots that expire first; the same purchase id again spends nothing. */
    public Result<SpendDecision> buyBenefit(
            MemberId id, String purchaseId, String benefitId, long price, Consumer<Object> apply) {
        requireReference(purchaseId);
        return spendOnProduct(id, SpendPurpose.BENEFIT, purchaseId, benefitId, price, apply);
    }

    /** Spends points on a product or benefit, once per reference: a known reference answers its first decision. */
    private Result<SpendDecision> spendOnProduct(
            MemberId id,
            SpendPurpose purpose,
            String reference,
            String productId,
            long points,
            Consumer<Object> apply) {
        Spend known = spends.get(spendKey(purpose, reference));
        if (known != null) {
            if (!known.productId().equals(productId)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, reference);
            }
            return new Result<>(spendDecision(known), true);
        }
        requirePositive(points);
        requireAvailable(points);
        List<LotConsumption> consumed = new ArrayList<>();
        takeAvailable(points, null, consumed);
        apply.accept(
                new PointsSpentEvent(id, purpose, reference, points, null, null, productId, List.copyOf(consumed)));
        return new Result<>(spendDecision(spends.get(spendKey(purpose, reference))), false);
    }

    public Result<AdjustmentDecision> adjust(
            MemberId id,
            String adjustmentId,
            long delta,
            String reason,
            Instant now,
            LoyaltyRules rules,
            ZoneId zone,
            Consumer<Object> apply) {
        requireReference(adjustmentId);
        Adjustment known = adjustments.get(adjustmentId);
        if (known != null) {
            if (known.delta() != delta || !Objects.equals(known.reason(), reason)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_CONFLICT, adjustmentId);
            }
            return new Result<>(adjustmentDecision(adjustmentId, known), true);
        }
        if (delta == 0) {
            throw new DomainException(ErrorCode.INVALID_POINTS, delta);
        }
        if (delta > 0) {
            apply.accept(new PointsAdjustedEvent(
                    id,
                    adjustmentId,
                    delta,
                    reason,
                    lastLotNo + 1,
                    rules.lotLifetime().addTo(now, zone),
                    Math.min(debt, delta),
                    List.of()));
        } else {
            requireAvailable(-delta);
            List<LotConsumption> consumed = new ArrayList<>();
            takeAvailable(-delta, null, consumed);
            apply.accept(
                    new PointsAdjustedEvent(id, adjustmentId, delta, reason, null, null, 0, List.copyOf(consumed)));
        }
        return new Result<>(adjustmentDecision(adjustmentId, adjustments.get(adjustmentId)), false);
    }

    /**
     * Sets a manual level, or with a null level ends the one in force. A manual level at or above the automatic one
     * is a floor (the member still rises with spending); one below it is a ceiling (the member does not rise above
     * it). Either lasts until {@code until}, or until staff end it.
     */
    public Result<LevelDecision> adjustLevel(
            MemberId id,
            Integer newLevel,
            String reason,
            Instant until,
            Instant now,
            LoyaltyRules rules,
            Consumer<Object> apply) {
        int from = level;
        int automatic = rules.levelFor(new Money(netSpendFen));
        if (newLevel == null) {
            if (manual == null) {
                throw new DomainException(ErrorCode.NO_MANUAL_LEVEL);
            }
            apply.accept(
                    new LevelAdjustmentEndedEvent(id, AdjustmentEnd.CLEARED, reason, null, from, automatic, automatic));
            return new Result<>(new LevelDecision(from, level, null), false);
        }
        if (newLevel < 1 || newLevel > rules.maxLevel()) {
            throw new DomainException(ErrorCode.INVALID_LEVEL, newLevel, rules.maxLevel());
        }
        if (until != null && !until.isAfter(now)) {
            throw new DomainException(ErrorCode.INVALID_UNTIL, until);
        }
        ManualLevelMode mode = newLevel >= automatic ? ManualLevelMode.FLOOR : ManualLevelMode.CEILING;
        ManualLevel requested = new ManualLevel(newLevel, mode, until, reason);
        if (requested.equals(manual)) {
            return new Result<>(new LevelDecision(from, level, manual), true);
        }
        int effective = combine(automatic, requested);
        apply.accept(new LevelAdjustedEvent(id, newLevel, mode, until, reason, from, effective, automatic));
        return new Result<>(new LevelDecision(from, level, manual), false);
    }

    /**
     * Applies, in the order they fell due, every release of a pending lot, every expiry of a lot and the end of the
     * manual level that are due at {@code now}. Each is applied once: afterwards it is no longer due.
     */
    public DueTransitionsDecision catchUp(MemberId id, Instant now, LoyaltyRules rules, Consumer<Object> apply) {
        int released = 0;
        int expiredLots = 0;
        boolean levelEnded = false;
        for (Due due = nextDue(); due != null && !due.at().isAfter(now); due = nextDue()) {
            switch (due.kind()) {
                case RELEASE -> {
                    Lot lot = lots.get(due.lotNo());
                    apply.accept(new PointsReleasedEvent(
                            id, lot.lotNo(), lot.remaining(), due.at(), Math.min(debt, lot.remaining())));
                    released++;
                }
                case EXPIRE -> {
                    Lot lot = lots.get(due.lotNo());
                    apply.accept(new PointsExpiredEvent(id, lot.lotNo(), lot.remaining(), lot.pending(), due.at()));
                    expiredLots++;
                }
                case LEVEL_END -> {
                    int automatic = rules.levelFor(new Money(netSpendFen));
                    apply.accept(new LevelAdjustmentEndedEvent(
                            id, AdjustmentEnd.EXPIRED, null, due.at(), level, automatic, automatic));
                    levelEnded = true;
                }
            }
        }
        return new DueTransitionsDecision(released, expiredLots, levelEnded);
    }

    // ---------------------------------------------------------------- state

    public PointsBalance balance() {
        long available = 0;
        long pending = 0;
        for (Lot lot : lots.values()) {
            if (lot.pending()) {
                pending += lot.remaining();
            } else {
                available += lot.remaining();
            }
        }
        return new PointsBalance(available - debt, pending, debt, earned, spent, expired, reversed, adjusted);
    }

    public LevelStatus levelStatus() {
        return new LevelStatus(level, new Money(netSpendFen), manual);
    }

    public int level() {
        return level;
    }

    /** When the next release, expiry or end of the manual level falls due, or null when nothing is scheduled. */
    public Instant nextDueAt() {
        Due due = nextDue();
        return due == null ? null : due.at();
    }

    /** The open lots, the first to be spent first. */
    public List<Lot> openLots() {
        return lots.values().stream().sorted(SPENDING_ORDER).toList();
    }

    // ---------------------------------------------------------------- event sourcing

    /**
     * Applies any event of the loyalty part of a member; returns false for events that are not about it, which
     * changes nothing. For rebuilding state from a stream of a member's events.
     */
    public boolean apply(Object event) {
        if (event instanceof PurchaseRecordedEvent e) {
            on(e);
        } else if (event instanceof PurchaseRefundedEvent e) {
            on(e);
        } else if (event instanceof PointsEarnedEvent e) {
            on(e);
        } else if (event instanceof PointsReleasedEvent e) {
            on(e);
        } else if (event instanceof PointsSpentEvent e) {
            on(e);
        } else if (event instanceof PointsReversedEvent e) {
            on(e);
        } else if (event instanceof PointsExpiredEvent e) {
            on(e);
        } else if (event instanceof PointsAdjustedEvent e) {
            on(e);
        } else if (event instanceof LevelUpgradedEvent e) {
            on(e);
        } else if (event instanceof LevelDowngradedEvent e) {
            on(e);
        } else if (event instanceof LevelAdjustedEvent e) {
            on(e);
        } else if (event instanceof LevelAdjustmentEndedEvent e) {
            on(e);
        } else {
            return false;
        }
        return true;
    }

    public void on(PurchaseRecordedEvent event) {
        purchases.put(
                event.orderId(), new Purchase(event.orderId(), event.amount().fen(), event.occurredAt()));
        netSpendFen = event.netSpendAfter().fen();
    }

    public void on(PurchaseRefundedEvent event) {
        purchases.computeIfPresent(
                event.orderId(), (orderId, p) -> p.refunded(event.amount().fen()));
        refunds.put(
                event.refundId(),
                new Refund(event.refundId(), event.orderId(), event.amount().fen(), 0, 0));
        netSpendFen = event.netSpendAfter().fen();
    }

    public void on(PointsEarnedEvent event) {
        openLot(
                event.lotNo(),
                event.source(),
                event.reference(),
                event.points(),
                event.debtSettled(),
                event.pending(),
                event.releaseAt(),
                event.expiresAt());
        earned += event.points();
        if (event.source() == PointsSource.PURCHASE) {
            purchases.computeIfPresent(
                    event.reference(),
                    (orderId, p) -> p.earned(event.points(), event.lotNo(), event.pending(), event.releaseAt()));
        } else {
            earnings.put(earningKey(event.source(), event.reference()), new Earning(event.points(), event.lotNo()));
        }
    }

    public void on(PointsReleasedEvent event) {
        Lot lot = lots.get(event.lotNo());
        debt -= event.debtSettled();
        long remaining = lot.remaining() - event.debtSettled();
        if (remaining > 0) {
            lots.put(
                    lot.lotNo(),
                    new Lot(
                            lot.lotNo(),
                            lot.source(),
                            lot.reference(),
                            lot.points(),
                            remaining,
                            false,
                            lot.releaseAt(),
                            lot.expiresAt()));
        } else {
            lots.remove(lot.lotNo());
        }
    }

    public void on(PointsSpentEvent event) {
        consume(event.consumed());
        spent += event.points();
        spends.put(
                spendKey(event.purpose(), event.reference()),
                new Spend(
                        event.purpose(),
                        event.reference(),
                        event.points(),
                        event.orderAmount() == null ? 0 : event.orderAmount().fen(),
                        event.value() == null ? 0 : event.value().fen(),
                        event.productId(),
                        event.consumed()));
    }

    public void on(PointsReversedEvent event) {
        consume(event.consumed());
        debt += event.debtIncurred();
        reversed += event.points();
        purchases.computeIfPresent(event.orderId(), (orderId, p) -> p.reversed(event.points()));
        refunds.computeIfPresent(
                event.refundId(),
                (refundId, r) ->
                        new Refund(refundId, r.orderId(), r.amountFen(), event.points(), event.debtIncurred()));
    }

    public void on(PointsExpiredEvent event) {
        lots.remove(event.lotNo());
        expired += event.points();
    }

    public void on(PointsAdjustedEvent event) {
        adjusted += event.delta();
        if (event.delta() > 0) {
            openLot(
                    event.lotNo(),
                    PointsSource.ADJUSTMENT,
                    event.adjustmentId(),
                    event.delta(),
                    event.debtSettled(),
                    false,
                    null,
                    event.expiresAt());
        } else {
            consume(event.consumed());
        }
        adjustments.put(
                event.adjustmentId(), new Adjustment(event.delta(), event.reason(), event.lotNo(), event.consumed()));
    }

    public void on(LevelUpgradedEvent event) {
        level = event.toLevel();
    }

    public void on(LevelDowngradedEvent event) {
        level = event.toLevel();
    }

    public void on(LevelAdjustedEvent event) {
        level = event.toLevel();
        manual = new ManualLevel(event.manualLevel(), event.mode(), event.until(), event.reason());
    }

    public void on(LevelAdjustmentEndedEvent event) {
        level = event.toLevel();
        manual = null;
    }

    // ---------------------------------------------------------------- helpers

    private int earn(
            MemberId id,
            PointsSource source,
            String reference,
            long points,
            Instant releaseAt,
            Instant now,
            LoyaltyRules rules,
            ZoneId zone,
            Consumer<Object> apply) {
        int lotNo = lastLotNo + 1;
        boolean pending = releaseAt != null;
        apply.accept(new PointsEarnedEvent(
                id,
                lotNo,
                source,
                reference,
                points,
                pending,
                releaseAt,
                rules.lotLifetime().addTo(now, zone),
                pending ? 0 : Math.min(debt, points)));
        return lotNo;
    }

    private void openLot(
            int lotNo,
            PointsSource source,
            String reference,
            long points,
            long debtSettled,
            boolean pending,
            Instant releaseAt,
            Instant expiresAt) {
        lastLotNo = Math.max(lastLotNo, lotNo);
        debt -= debtSettled;
        long remaining = points - debtSettled;
        if (remaining > 0) {
            lots.put(lotNo, new Lot(lotNo, source, reference, points, remaining, pending, releaseAt, expiresAt));
        }
    }

    private void consume(List<LotConsumption> consumed) {
        for (LotConsumption consumption : consumed) {
            Lot lot = lots.get(consumption.lotNo());
            long remaining = lot.remaining() - consumption.points();
            if (remaining > 0) {
                lots.put(
                        lot.lotNo(),
                        new Lot(
                                lot.lotNo(),
                                lot.source(),
                                lot.reference(),
                                lot.points(),
                                remaining,
                                lot.pending(),
                                lot.releaseAt(),
                                lot.expiresAt()));
            } else {
                lots.remove(lot.lotNo());
            }
        }
    }

    /** Takes up to {@code points} from the available lots that expire first; returns what could not be taken. */
    private long takeAvailable(long points, Integer skipLot, List<LotConsumption> consumed) {
        long left = points;
        for (Lot lot : openLots()) {
            if (left == 0) {
                break;
            }
            if (lot.pending() || Objects.equals(skipLot, lot.lotNo())) {
                continue;
            }
            long take = Math.min(left, lot.remaining());
            consumed.add(new LotConsumption(lot.lotNo(), take, false));
            left -= take;
        }
        return left;
    }

    private void reevaluateLevel(MemberId id, String cause, LoyaltyRules rules, Consumer<Object> apply) {
        Money netSpend = new Money(netSpendFen);
        int automatic = rules.levelFor(netSpend);
        int effective = combine(automatic, manual);
        if (effective > level) {
            apply.accept(new LevelUpgradedEvent(id, level, effective, automatic, netSpend, cause));
        } else if (effective < level) {
            apply.accept(new LevelDowngradedEvent(id, level, effective, automatic, netSpend, cause));
        }
    }

    private static int combine(int automatic, ManualLevel manual) {
        if (manual == null) {
            return automatic;
        }
        return manual.mode() == ManualLevelMode.FLOOR
                ? Math.max(manual.level(), automatic)
                : Math.min(manual.level(), automatic);
    }

    private Due nextDue() {
        Due next = null;
        for (Lot lot : lots.values()) {
            if (lot.pending()) {
                next = earliest(next, new Due(lot.releaseAt(), DueKind.RELEASE, lot.lotNo()));
            }
            next = earliest(next, new Due(lot.expiresAt(), DueKind.EXPIRE, lot.lotNo()));
        }
        if (manual != null && manual.until() != null) {
            next = earliest(next, new Due(manual.until(), DueKind.LEVEL_END, 0));
        }
        return next;
    }

    private static Due earliest(Due current, Due candidate) {
        return current == null || DUE_ORDER.compare(candidate, current) < 0 ? candidate : current;
    }

    private void requireAvailable(long points) {
        long available = balance().available();
        if (points > available) {
            throw new DomainException(ErrorCode.INSUFFICIENT_POINTS, points, Math.max(0, available));
        }
    }

    private static void requirePositive(long points) {
        if (points <= 0) {
            throw new DomainException(ErrorCode.INVALID_POINTS, points);
        }
    }

    private static void requireReference(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE_LENGTH) {
            throw new DomainException(ErrorCode.INVALID_REFERENCE, String.valueOf(reference));
        }
    }

    /** floor(points × part / whole), exact for any sizes. */
    private static long proportion(long points, long part, long whole) {
        return BigInteger.valueOf(points)
                .multiply(BigInteger.valueOf(part))
                .divide(BigInteger.valueOf(whole))
                .longValueExact();
    }

    private static PurchaseDecision purchaseDecision(Purchase purchase) {
        return new PurchaseDecision(
                purchase.orderId(),
                new Money(purchase.amountFen()),
                purchase.pointsEarned(),
                purchase.pending(),
                purchase.releaseAt(),
                purchase.lotNo());
    }

    private static RefundDecision refundDecision(Refund refund) {
        return new RefundDecision(
                refund.refundId(),
                refund.orderId(),
                new Money(refund.amountFen()),
                refund.pointsReversed(),
                refund.debtIncurred());
    }

    private static SpendDecision spendDecision(Spend spend) {
        return new SpendDecision(
                spend.purpose(),
                spend.reference(),
                spend.points(),
                spend.purpose() == SpendPurpose.ORDER_DEDUCTION ? new Money(spend.valueFen()) : null,
                spend.consumed());
    }

    private static AdjustmentDecision adjustmentDecision(String adjustmentId, Adjustment adjustment) {
        return new AdjustmentDecision(adjustmentId, adjustment.delta(), adjustment.lotNo(), adjustment.consumed());
    }

    private static String earningKey(PointsSource source, String reference) {
        return source.name() + ":" + reference;
    }

    private static String spendKey(SpendPurpose purpose, String reference) {
        return purpose.name() + ":" + reference;
    }
}
