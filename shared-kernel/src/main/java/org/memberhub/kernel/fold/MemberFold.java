package org.memberhub.kernel.fold;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelChangedEvent;
import org.memberhub.kernel.level.LevelStatus;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.loyalty.PointsBalance;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.loyalty.TotalsChange;
import org.memberhub.kernel.member.MemberDeletedEvent;
import org.memberhub.kernel.member.MemberErasedEvent;
import org.memberhub.kernel.member.MemberFrozenEvent;
import org.memberhub.kernel.member.MemberProfile;
import org.memberhub.kernel.member.MemberProfileUpdatedEvent;
import org.memberhub.kernel.member.MemberRegisteredEvent;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberUnfrozenEvent;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.PurchaseRecordedEvent;
import org.memberhub.kernel.points.PurchaseRefundedEvent;
import org.memberhub.kernel.points.SpendPurpose;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;
import org.memberhub.kernel.privacy.PersonalData;

/**
 * A member's state folded from its events: profile and status, purchases, refunds, spends, earnings, lots, totals and
 * level. It holds no rules: the Member aggregate decides from it (in member-command), and the audit rebuilds a member
 * as of any instant with it, so both read the same events the same way. Only {@link #apply} changes it.
 *
 * <p>Debt (points clawed back after they were spent) is paid off first by any points that become available, so
 * {@code available = open available lots − debt}, and a debt can only exist while no available lot is open.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public final class MemberFold {

    @PersonalData
    private MemberProfile profile;

    private MemberStatus status;
    private boolean erased;
    private Instant joinedAt;
    private Instant updatedAt;
    private int level = 1;
    private ManualLevel manual;
    private long netSpendFen;
    private TotalsChange totals = TotalsChange.NONE;
    private final Map<String, PurchaseState> purchases = new HashMap<>();
    private final Map<String, RefundState> refunds = new HashMap<>();
    private final Map<String, SpendState> spends = new HashMap<>();
    private final Map<String, EarningState> earnings = new HashMap<>();
    private final Map<String, AdjustmentState> adjustments = new HashMap<>();
    private final Lots lots = new Lots();

    // ---------------------------------------------------------------- state

    public MemberProfile profile() {
        return profile;
    }

    public MemberStatus status() {
        return status;
    }

    public boolean erased() {
        return erased;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int level() {
        return level;
    }

    public ManualLevel manual() {
        return manual;
    }

    public Money netSpend() {
        return new Money(netSpendFen);
    }

    public long debt() {
        return totals.debt();
    }

    public Lots lots() {
        return lots;
    }

    public PurchaseState purchase(String orderId) {
        return purchases.get(orderId);
    }

    public RefundState refund(String refundId) {
        return refunds.get(refundId);
    }

    public SpendState spend(SpendPurpose purpose, String reference) {
        return spends.get(spendKey(purpose, reference));
    }

    public EarningState earning(PointsSource source, String reference) {
        return earnings.get(earningKey(source, reference));
    }

    public AdjustmentState adjustment(String adjustmentId) {
        return adjustments.get(adjustmentId);
    }

    public PointsBalance balance() {
        return new PointsBalance(
                lots.available() - totals.debt(),
                lots.pending(),
                totals.debt(),
                totals.earned(),
                totals.spent(),
                totals.expired(),
                totals.reversed(),
                totals.adjusted());
    }

    public LevelStatus levelStatus() {
        return new LevelStatus(level, netSpend(), manual);
    }

    // ---------------------------------------------------------------- event sourcing

    /**
     * Applies any event of a member, recorded at {@code at}; returns false for events that are not about this state
     * (benefit uses), which changes nothing.
     */
    public boolean apply(Object event, Instant at) {
        totals = totals.plus(TotalsChange.of(event));
        if (event instanceof MemberRegisteredEvent e) {
            on(e, at);
        } else if (event instanceof MemberProfileUpdatedEvent e) {
            profile = e.profile();
            updatedAt = at;
        } else if (event instanceof MemberFrozenEvent) {
            changeStatus(MemberStatus.FROZEN, at);
        } else if (event instanceof MemberUnfrozenEvent) {
            changeStatus(MemberStatus.ACTIVE, at);
        } else if (event instanceof MemberDeletedEvent) {
            changeStatus(MemberStatus.DELETED, at);
        } else if (event instanceof MemberErasedEvent) {
            profile = MemberProfile.erased();
            erased = true;
            changeStatus(MemberStatus.DELETED, at);
        } else if (event instanceof LevelChangedEvent e) {
            on(e, at);
        } else {
            return applyPoints(event);
        }
        return true;
    }

    private boolean applyPoints(Object event) {
        if (event instanceof PurchaseRecordedEvent e) {
            on(e);
        } else if (event instanceof PurchaseRefundedEvent e) {
            on(e);
        } else if (event instanceof PointsEarnedEvent e) {
            on(e);
        } else if (event instanceof PointsReleasedEvent e) {
            lots.release(e.lotNo(), e.debtSettled());
        } else if (event instanceof PointsSpentEvent e) {
            on(e);
        } else if (event instanceof PointsReversedEvent e) {
            on(e);
        } else if (event instanceof SpentPointsReturnedEvent e) {
            on(e);
        } else if (event instanceof PointsExpiredEvent e) {
            lots.remove(e.lotNo());
        } else if (event instanceof PointsAdjustedEvent e) {
            on(e);
        } else {
            return false;
        }
        return true;
    }

    private void on(MemberRegisteredEvent event, Instant at) {
        profile = event.profile();
        status = MemberStatus.ACTIVE;
        level = event.level();
        joinedAt = at;
        updatedAt = at;
    }

    private void changeStatus(MemberStatus changed, Instant at) {
        status = changed;
        updatedAt = at;
    }

    private void on(LevelChangedEvent event, Instant at) {
        level = event.toLevel();
        if (event instanceof LevelAdjustedEvent e) {
            manual = new ManualLevel(e.manualLevel(), e.mode(), e.until(), e.reason());
        } else if (event instanceof LevelAdjustmentEndedEvent) {
            manual = null;
        }
        updatedAt = at;
    }

    private void on(PurchaseRecordedEvent event) {
        purchases.put(
                event.orderId(),
                new PurchaseState(event.orderId(), event.amount().fen(), event.occurredAt()));
        netSpendFen = event.netSpendAfter().fen();
    }

    private void on(PurchaseRefundedEvent event) {
        purchases.computeIfPresent(
                event.orderId(), (orderId, p) -> p.refunded(event.amount().fen()));
        refunds.put(
                event.refundId(),
                new RefundState(
                        event.refundId(), event.orderId(), event.amount().fen(), 0, 0, 0, 0));
        netSpendFen = event.netSpendAfter().fen();
    }

    private void on(PointsEarnedEvent event) {
        lots.open(
                event.lotNo(),
                event.source(),
                event.reference(),
                event.points(),
                event.debtSettled(),
                event.pending(),
                event.releaseAt(),
                event.expiresAt());
        if (event.source() == PointsSource.PURCHASE) {
            purchases.computeIfPresent(
                    event.reference(),
                    (orderId, p) -> p.earned(event.points(), event.lotNo(), event.pending(), event.releaseAt()));
        } else {
            earnings.put(
                    earningKey(event.source(), event.reference()), new EarningState(event.points(), event.lotNo()));
        }
    }

    private void on(PointsSpentEvent event) {
        List<Instant> expiries = event.consumed().stream()
                .map(taken -> lots.get(taken.lotNo()).expiresAt())
                .toList();
        lots.consume(event.consumed());
        spends.put(
                spendKey(event.purpose(), event.reference()),
                new SpendState(
                        event.purpose(),
                        event.reference(),
                        event.points(),
                        event.orderAmount() == null ? 0 : event.orderAmount().fen(),
                        event.value() == null ? 0 : event.value().fen(),
                        event.productId(),
                        event.consumed(),
                        expiries,
                        refundedBefore(event),
                        0,
                        0,
                        false));
    }

    /** How much of the order a deduction pays for had been refunded already; nothing for other spends. */
    private long refundedBefore(PointsSpentEvent event) {
        PurchaseState purchase =
                event.purpose() == SpendPurpose.ORDER_DEDUCTION ? purchases.get(event.reference()) : null;
        return purchase == null ? 0 : purchase.refundedFen();
    }

    private void on(PointsReversedEvent event) {
        lots.consume(event.consumed());
        purchases.computeIfPresent(event.orderId(), (orderId, p) -> p.reversed(event.points()));
        refunds.computeIfPresent(event.refundId(), (refundId, r) -> r.reversed(event.points(), event.debtIncurred()));
    }

    private void on(SpentPointsReturnedEvent event) {
        PointsSource source = event.cancelled() ? PointsSource.CANCEL : PointsSource.REFUND;
        String reference = event.cancelled() ? event.orderId() : event.refundId();
        for (ReturnedLot lot : event.lots()) {
            lots.open(lot.lotNo(), source, reference, lot.points(), lot.debtSettled(), false, null, lot.expiresAt());
        }
        spends.computeIfPresent(
                spendKey(SpendPurpose.ORDER_DEDUCTION, event.orderId()),
                (key, s) -> s.returned(event.points() + event.expired(), event.expired(), event.cancelled()));
        if (!event.cancelled()) {
            refunds.computeIfPresent(event.refundId(), (refundId, r) -> r.returned(event.points(), event.expired()));
        }
    }

    private void on(PointsAdjustedEvent event) {
        if (event.delta() > 0) {
            lots.open(
                    event.lotNo(),
                    PointsSource.ADJUSTMENT,
                    event.adjustmentId(),
                    event.delta(),
                    event.debtSettled(),
                    false,
                    null,
                    event.expiresAt());
        } else {
            lots.consume(event.consumed());
        }
        adjustments.put(
                event.adjustmentId(),
                new AdjustmentState(event.delta(), event.reason(), event.lotNo(), event.consumed()));
    }

    private static String earningKey(PointsSource source, String reference) {
        return source.name() + ":" + reference;
    }

    private static String spendKey(SpendPurpose purpose, String reference) {
        return purpose.name() + ":" + reference;
    }
}
