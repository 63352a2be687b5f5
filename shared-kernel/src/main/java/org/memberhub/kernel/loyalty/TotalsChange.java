package org.memberhub.kernel.loyalty;

import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;

/**
 * How an event moves a member's debt and lifetime totals, or, summed over a member's events, the totals themselves:
 * the one place that says so for the aggregate, the points projection and the consistency check.
 */
public record TotalsChange(long debt, long earned, long spent, long expired, long reversed, long adjusted) {

    public static final TotalsChange NONE = new TotalsChange(0, 0, 0, 0, 0, 0);

    /** What {@code event} changes; {@link #NONE} for events that do not move points. */
    public static TotalsChange of(Object event) {
        if (event instanceof PointsEarnedEvent e) {
            return new TotalsChange(-e.debtSettled(), e.points(), 0, 0, 0, 0);
        }
        if (event instanceof PointsReleasedEvent e) {
            return new TotalsChange(-e.debtSettled(), 0, 0, 0, 0, 0);
        }
        if (event instanceof PointsSpentEvent e) {
            return new TotalsChange(0, 0, e.points(), 0, 0, 0);
        }
        if (event instanceof SpentPointsReturnedEvent e) {
            // spent counts what stays spent: what came back leaves it, and what came back expired counts as expired
            long settled = e.lots().stream().mapToLong(ReturnedLot::debtSettled).sum();
            return new TotalsChange(-settled, 0, -(e.points() + e.expired()), e.expired(), 0, 0);
        }
        if (event instanceof PointsReversedEvent e) {
            return new TotalsChange(e.debtIncurred(), 0, 0, 0, e.points(), 0);
        }
        if (event instanceof PointsExpiredEvent e) {
            return new TotalsChange(0, 0, 0, e.points(), 0, 0);
        }
        if (event instanceof PointsAdjustedEvent e) {
            return new TotalsChange(-e.debtSettled(), 0, 0, 0, 0, e.delta());
        }
        return NONE;
    }

    public TotalsChange plus(TotalsChange other) {
        return new TotalsChange(
                debt + other.debt,
                earned + other.earned,
                spent + other.spent,
                expired + other.expired,
                reversed + other.reversed,
                adjusted + other.adjusted);
    }
}
