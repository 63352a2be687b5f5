package org.memberhub.kernel.fold;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.PointsSource;

/**
 * A member's open lots, folded from its events. Spending and claw-backs take from the available lot that expires
 * first ({@link #SPENDING_ORDER}); a lot leaves once nothing remains in it.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public final class Lots {

    public static final Comparator<LotState> SPENDING_ORDER =
            Comparator.comparing(LotState::expiresAt).thenComparingInt(LotState::lotNo);

    private final TreeMap<Integer, LotState> open = new TreeMap<>();
    private int lastLotNo;

    public LotState get(int lotNo) {
        return open.get(lotNo);
    }

    /** The number of the newest lot ever opened, open or not; the next lot is numbered one higher. */
    public int lastLotNo() {
        return lastLotNo;
    }

    /** The open lots, in no particular order. */
    public Collection<LotState> all() {
        return Collections.unmodifiableCollection(open.values());
    }

    /** The open lots, the first to be spent first. */
    public List<LotState> inSpendingOrder() {
        return open.values().stream().sorted(SPENDING_ORDER).toList();
    }

    public long available() {
        return open.values().stream()
                .filter(lot -> !lot.pending())
                .mapToLong(LotState::remaining)
                .sum();
    }

    public long pending() {
        return open.values().stream()
                .filter(LotState::pending)
                .mapToLong(LotState::remaining)
                .sum();
    }

    void open(
            int lotNo,
            PointsSource source,
            String reference,
            long points,
            long debtSettled,
            boolean pending,
            Instant releaseAt,
            Instant expiresAt) {
        lastLotNo = Math.max(lastLotNo, lotNo);
        long remaining = points - debtSettled;
        if (remaining > 0) {
            open.put(lotNo, new LotState(lotNo, source, reference, points, remaining, pending, releaseAt, expiresAt));
        }
    }

    void release(int lotNo, long debtSettled) {
        LotState lot = open.get(lotNo);
        keep(lot.withRemaining(lot.remaining() - debtSettled, false));
    }

    void consume(List<LotConsumption> consumed) {
        for (LotConsumption consumption : consumed) {
            LotState lot = open.get(consumption.lotNo());
            keep(lot.withRemaining(lot.remaining() - consumption.points(), lot.pending()));
        }
    }

    void remove(int lotNo) {
        open.remove(lotNo);
    }

    private void keep(LotState lot) {
        if (lot.remaining() > 0) {
            open.put(lot.lotNo(), lot);
        } else {
            open.remove(lot.lotNo());
        }
    }
}
