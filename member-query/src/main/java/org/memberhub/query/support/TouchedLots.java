package org.memberhub.query.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.memberhub.kernel.loyalty.LotConsumption;
import org.memberhub.kernel.loyalty.ReturnedLot;
import org.memberhub.kernel.points.PointsAdjustedEvent;
import org.memberhub.kernel.points.PointsEarnedEvent;
import org.memberhub.kernel.points.PointsExpiredEvent;
import org.memberhub.kernel.points.PointsReleasedEvent;
import org.memberhub.kernel.points.PointsReversedEvent;
import org.memberhub.kernel.points.PointsSpentEvent;
import org.memberhub.kernel.points.SpentPointsReturnedEvent;

/**
 * The points lots a batch of events opens or changes, so that a projection batch can load them in one query: the lots
 * it opens as well, whose absence a projector checks before it adds them (one query per new lot otherwise).
 */
public final class TouchedLots {

    /** A member's lot. */
    public record Lot(UUID member, int lotNo) {}

    private TouchedLots() {}

    /** Reading the lots deserializes only points events, which a projector of lots handles anyway. */
    public static List<Lot> by(List<? extends EventMessage<?>> events) {
        List<Lot> lots = new ArrayList<>();
        for (EventMessage<?> message : events) {
            if (message instanceof DomainEventMessage<?> event) {
                List<Integer> numbers = touchedBy(event);
                if (!numbers.isEmpty()) {
                    UUID member = UUID.fromString(event.getAggregateIdentifier());
                    numbers.forEach(lotNo -> lots.add(new Lot(member, lotNo)));
                }
            }
        }
        return lots;
    }

    private static List<Integer> touchedBy(DomainEventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        if (type == PointsEarnedEvent.class) {
            return List.of(((PointsEarnedEvent) event.getPayload()).lotNo());
        }
        if (type == PointsReleasedEvent.class) {
            return List.of(((PointsReleasedEvent) event.getPayload()).lotNo());
        }
        if (type == PointsExpiredEvent.class) {
            return List.of(((PointsExpiredEvent) event.getPayload()).lotNo());
        }
        if (type == SpentPointsReturnedEvent.class) {
            return ((SpentPointsReturnedEvent) event.getPayload())
                    .lots().stream().map(ReturnedLot::lotNo).toList();
        }
        List<LotConsumption> consumed = List.of();
        if (type == PointsSpentEvent.class) {
            consumed = ((PointsSpentEvent) event.getPayload()).consumed();
        } else if (type == PointsReversedEvent.class) {
            consumed = ((PointsReversedEvent) event.getPayload()).consumed();
        } else if (type == PointsAdjustedEvent.class) {
            PointsAdjustedEvent adjusted = (PointsAdjustedEvent) event.getPayload();
            consumed = adjusted.consumed();
            if (adjusted.lotNo() != null) {
                List<Integer> numbers = new ArrayList<>(List.of(adjusted.lotNo()));
                consumed.forEach(lot -> numbers.add(lot.lotNo()));
                return numbers;
            }
        }
        return consumed.stream().map(LotConsumption::lotNo).toList();
    }
}
