package org.memberhub.kernel.points;

import java.util.Optional;
import org.memberhub.kernel.loyalty.LotConsumption;

/**
 * How one points event moves a member's available and pending balances. Summed over all of a member's events these
 * are the balances (available = open available lots − debt), which is what makes the points ledger add up.
 */
public record LedgerChange(long available, long pending) {

    /** The change an event makes, or empty for events that do not touch points. */
    public static Optional<LedgerChange> of(Object event) {
        if (event instanceof PointsEarnedEvent earned) {
            return Optional.of(
                    earned.pending() ? new LedgerChange(0, earned.points()) : new LedgerChange(earned.points(), 0));
        }
        if (event instanceof PointsReleasedEvent released) {
            return Optional.of(new LedgerChange(released.points(), -released.points()));
        }
        if (event instanceof PointsSpentEvent spent) {
            return Optional.of(new LedgerChange(-spent.points(), 0));
        }
        if (event instanceof SpentPointsReturnedEvent returned) {
            return Optional.of(new LedgerChange(returned.points(), 0));
        }
        if (event instanceof PointsReversedEvent reversal) {
            long fromPending = reversal.consumed().stream()
                    .filter(LotConsumption::pending)
                    .mapToLong(LotConsumption::points)
                    .sum();
            return Optional.of(new LedgerChange(-(reversal.points() - fromPending), -fromPending));
        }
        if (event instanceof PointsExpiredEvent expiry) {
            return Optional.of(
                    expiry.pending() ? new LedgerChange(0, -expiry.points()) : new LedgerChange(-expiry.points(), 0));
        }
        if (event instanceof PointsAdjustedEvent adjustment) {
            return Optional.of(new LedgerChange(adjustment.delta(), 0));
        }
        return Optional.empty();
    }
}
