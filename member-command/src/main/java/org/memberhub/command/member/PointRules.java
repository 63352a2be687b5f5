package org.memberhub.command.member;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.fold.LotState;
import org.memberhub.kernel.fold.MemberFold;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.PointsSource;
import org.memberhub.kernel.points.PointsEarnedEvent;

/**
 * The rules every way of earning and spending shares: points live in lots; a new lot lasts the lot lifetime and, once
 * available, first pays off any debt; spending takes from the available lot that expires first.
 */
final class PointRules {

    static final int MAX_REFERENCE_LENGTH = 64;

    private PointRules() {}

    /**
     * Opens a lot of {@code points} earned now, pending until {@code releaseAt} if that is given; returns its number.
     */
    static int openLot(Deciding d, PointsSource source, String reference, long points, Instant releaseAt) {
        return openLot(d, source, reference, points, releaseAt, d.now());
    }

    /**
     * Opens a lot of {@code points} earned at {@code earnedAt} (a purchase's payment time, which may lie in the past),
     * pending until {@code releaseAt} if that is given; it expires a lot lifetime after it was earned. Returns its
     * number.
     */
    static int openLot(
            Deciding d, PointsSource source, String reference, long points, Instant releaseAt, Instant earnedAt) {
        int lotNo = d.state().lots().lastLotNo() + 1;
        boolean pending = releaseAt != null;
        d.apply(new PointsEarnedEvent(
                d.id(),
                lotNo,
                source,
                reference,
                points,
                pending,
                releaseAt,
                d.rules().lotLifetime().addTo(earnedAt, d.zone()),
                pending ? 0 : Math.min(d.state().debt(), points)));
        return lotNo;
    }

    /** Takes up to {@code points} from the available lots that expire first; returns what could not be taken. */
    static long takeAvailable(MemberFold state, long points, Integer skipLot, List<LotConsumption> consumed) {
        long left = points;
        for (LotState lot : state.lots().inSpendingOrder()) {
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

    static void requireAvailable(MemberFold state, long points) {
        long available = state.balance().available();
        if (points > available) {
            throw new DomainException(ErrorCode.INSUFFICIENT_POINTS, points, Math.max(0, available));
        }
    }

    static void requirePositive(long points) {
        if (points <= 0) {
            throw new DomainException(ErrorCode.INVALID_POINTS, points);
        }
    }

    static void requireReference(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE_LENGTH) {
            throw new DomainException(ErrorCode.INVALID_REFERENCE, String.valueOf(reference));
        }
    }
}
