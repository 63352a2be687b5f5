package org.memberhub.command.member;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Comparator;
import org.memberhub.kernel.fold.LotState;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.points.DueTransitionsDecision;
import org.memberhub.kernel.points.EarnType;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;

/**
 * What falls due with time: a pending lot is released at the end of its return window (paying off debt first), a lot
 * expires at the end of its lifetime, a manual level ends at its end date (the member takes the automatic level), and
 * an active member's birthday points are granted at the start of the birthday in the member's time zone.
 *
 * <p>Birthday points are due once a year. A birthday missed while the application was down, or while the member was
 * frozen, is caught up until the birthday month ends (the same window in which staff may grant them by hand); after
 * that the next due birthday is the next year's. 29 February counts as 28 February in years without it.
 */
final class DueTransitions {

    private enum Kind {
        RELEASE,
        EXPIRE,
        LEVEL_END,
        BIRTHDAY
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
        for (Due due = next(d); due != null && !due.at().isAfter(d.now()); due = next(d)) {
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
                case BIRTHDAY -> EarningRules.earn(
                        d, EarnType.BIRTHDAY, null, d.state().profile().birthday());
            }
        }
        return new DueTransitionsDecision(released, expiredLots, levelEnded);
    }

    /**
     * When the next release, expiry, end of the manual level or birthday falls due (possibly already, for a birthday
     * still to be caught up), or null when nothing is scheduled.
     */
    static Instant nextDueAt(Deciding d) {
        Due due = next(d);
        return due == null ? null : due.at();
    }

    private static Due next(Deciding d) {
        MemberFold state = d.state();
        Due next = nextBirthday(d);
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

    /**
     * The start of the birthday whose points are due next: this year's while it is still to come, or has passed but
     * its month has not and the points were not granted; otherwise next year's. None for members without a birthday,
     * frozen, deleted or erased members, or when birthdays earn nothing.
     */
    private static Due nextBirthday(Deciding d) {
        MemberFold state = d.state();
        LocalDate birthday = state.profile().birthday();
        if (birthday == null
                || state.status() != MemberStatus.ACTIVE
                || state.erased()
                || d.rules().birthdayPoints() == 0) {
            return null;
        }
        MonthDay day = MonthDay.from(birthday);
        LocalDate today = LocalDate.ofInstant(d.now(), d.zone());
        int year = today.getYear();
        LocalDate thisYears = day.atYear(year);
        boolean granted = state.earning(PointsSource.BIRTHDAY, Integer.toString(year)) != null;
        boolean stillDue = !granted && (today.isBefore(thisYears) || today.getMonth() == thisYears.getMonth());
        LocalDate due = stillDue ? thisYears : day.atYear(year + 1);
        return new Due(due.atStartOfDay(d.zone()).toInstant(), Kind.BIRTHDAY, 0);
    }

    private static Due earliest(Due current, Due candidate) {
        return current == null || DUE_ORDER.compare(candidate, current) < 0 ? candidate : current;
    }
}
