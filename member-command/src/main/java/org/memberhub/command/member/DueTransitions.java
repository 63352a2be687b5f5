package org.memberhub.command.member;

import java.time.Instant;
import java.util.Comparator;
import org.memberhub.kernel.fold.LotState;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.points.DueTransitionsDecision;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;

/**
 * What falls due with time: a pending lot is released at the end of its return window (paying off debt first), a lot
 * expires at the end of its lifetime, a manual level ends at its end date (the member takes the automatic level).
 */
final class DueTransitions {

    private enum Kind {
        RELEASE,
        EXPIRE,
        LEVEL_END
    }

    private record Due(Instant at, Kind kind, int lotNo) {}

    private static final Comparator<Due> DUE_ORDER =
            Comparator.comparing(Due::at).thenComparing(Due::kind).thenComparingInt(Due::lotNo);

    private DueTransitions() {}

    /**
     * Applies, in the order they fell due, every release, expiry and end of the manual level due at the time of
     * {@code d}. Each is applied once: afterwards it is no longer due.
     */
    static DueTransitionsDecision catchUp(Deciding d) {
        int released = 0;
        int expiredLots = 0;
        boolean levelEnded = false;
        for (Due due = next(d.state()); due != null && !due.at().isAfter(d.now()); due = next(d.state())) {
            switch (due.kind()) {
                case RELEASE -> {
                    LotState lot = d.state().lots().get(due.lotNo());
                    d.apply(new PointsReleasedEvent(
                            d.id(),
                            lot.lotNo(),
                            lot.remaining(),
                            due.at(),
                            Math.min(d.state().debt(), lot.remaining())));
                    released++;
                }
                case EXPIRE -> {
                    LotState lot = d.state().lots().get(due.lotNo());
                    d.apply(new PointsExpiredEvent(d.id(), lot.lotNo(), lot.remaining(), lot.pending(), due.at()));
                    expiredLots++;
                }
                case LEVEL_END -> {
                    int automatic = d.rules().levelFor(d.state().netSpend());
                    d.apply(new LevelAdjustmentEndedEvent(
                            d.id(),
                            AdjustmentEnd.EXPIRED,
                            null,
                            due.at(),
                            d.state().level(),
                            automatic,
                            automatic));
                    levelEnded = true;
                }
            }
        }
        return new DueTransitionsDecision(released, expiredLots, levelEnded);
    }

    /** When the next release, expiry or end of the manual level falls due, or null when nothing is scheduled. */
    static Instant nextDueAt(MemberFold state) {
        Due due = next(state);
        return due == null ? null : due.at();
    }

    private static Due next(MemberFold state) {
        Due next = null;
        for (LotState lot : state.lots().all()) {
            if (lot.pending()) {
                next = earliest(next, new Due(lot.releaseAt(), Kind.RELEASE, lot.lotNo()));
            }
            next = earliest(next, new Due(lot.expiresAt(), Kind.EXPIRE, lot.lotNo()));
        }
        ManualLevel manual = state.manual();
        if (manual != null && manual.until() != null) {
            next = earliest(next, new Due(manual.until(), Kind.LEVEL_END, 0));
        }
        return next;
    }

    private static Due earliest(Due current, Due candidate) {
        return current == null || DUE_ORDER.compare(candidate, current) < 0 ? candidate : current;
    }
}
